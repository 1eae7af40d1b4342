import { s3Storage } from '@payloadcms/storage-s3';
import type { Plugin } from 'payload';
import type { AppConfig } from '../config';

type StorageConfig = Pick<
  AppConfig,
  'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

/**
 * Media in an S3-compatible bucket when S3_BUCKET is set (Payload's own S3 storage adapter), on local disk otherwise.
 * Files stay behind Payload's access control: their URLs are Payload's `/api/media/file/…`, which the adapter serves
 * from the bucket, so the worker and the admin read them the same way on either storage.
 * `alwaysInsertFields`: the adapter's `prefix` field exists on both storages, so one schema (and one set of
 * migrations) serves both and a deployment can move to a bucket without a migration.
 */
export function objectStoragePlugin(config: StorageConfig): Plugin {
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  return s3Storage({
    enabled: Boolean(config.S3_BUCKET),
    alwaysInsertFields: true,
    bucket: config.S3_BUCKET ?? '',
    collections: { media: true },
    config: {
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(credentials ? { credentials } : {}),
    },
  });
}

export function usesObjectStorage(config: Pick<AppConfig, 'S3_BUCKET'>): boolean {
  return Boolean(config.S3_BUCKET);
}
