import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface AssetRecord {
  asset_id: string;
  filename: string;
  content_type: string;
  file_size: number;
  width: number;
  height: number;
  format: string;
  processing_status: 'uploaded' | 'features_extracted';
  features_extracted: boolean;
  error_message: string | null;
  created_at: string;
  features?: number[];
}

/** Assets on disk (bytes + JSON record), so the stand-in keeps them across restarts like the real service's R2. */
export function createAssetStore(dataDir: string) {
  const file = (id: string, ext: string) => path.join(dataDir, `${id}.${ext}`);
  const valid = (id: string) => /^[0-9a-f-]{36}$/.test(id);
  return {
    async add(
      bytes: Buffer,
      meta: Omit<AssetRecord, 'asset_id' | 'processing_status' | 'features_extracted' | 'error_message' | 'created_at'>,
    ): Promise<AssetRecord> {
      await mkdir(dataDir, { recursive: true });
      const record: AssetRecord = {
        ...meta,
        asset_id: randomUUID(),
        processing_status: 'uploaded',
        features_extracted: false,
        error_message: null,
        created_at: new Date().toISOString(),
      };
      await writeFile(file(record.asset_id, 'bin'), bytes);
      await writeFile(file(record.asset_id, 'json'), JSON.stringify(record));
      return record;
    },
    async get(id: string): Promise<AssetRecord | undefined> {
      if (!valid(id)) return undefined;
      try {
        return JSON.parse(await readFile(file(id, 'json'), 'utf8')) as AssetRecord;
      } catch {
        return undefined;
      }
    },
    async bytes(id: string): Promise<Buffer> {
      return readFile(file(id, 'bin'));
    },
    async save(record: AssetRecord): Promise<void> {
      await writeFile(file(record.asset_id, 'json'), JSON.stringify(record));
    },
    async list(): Promise<string[]> {
      const names = await readdir(dataDir).catch(() => [] as string[]);
      return names
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter(valid);
    },
    async remove(id: string): Promise<boolean> {
      if (!(await this.get(id))) return false;
      await rm(file(id, 'bin'), { force: true });
      await rm(file(id, 'json'), { force: true });
      return true;
    },
  };
}

export type AssetStore = ReturnType<typeof createAssetStore>;
