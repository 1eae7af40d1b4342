import { CharacterPipeline as CharacterPipeline_cac7c6c305a5fd1a1a7f3d34c0465ef3 } from '../../../components/CharacterPipeline'
import { CharacterGallery as CharacterGallery_06705eb1ae0cdb7b732ae2fcf072e395 } from '../../../components/CharacterGallery'
import { PipelineSummary as PipelineSummary_445896bba597c463b0a20debb21d7d9f } from '../../../components/PipelineSummary'
import { PipelineStatusCell as PipelineStatusCell_9ba99cb96260982d354b13a7d65cc9a4 } from '../../../components/StatusBadge/PipelineStatusCell'
import { CoreSetBatches as CoreSetBatches_15d52af2e2e0e762693d0cd558c88b12 } from '../../../components/CoreSetBatches'
import { StatusBadgeCell as StatusBadgeCell_fa68ac69e79b10e5b4e8f9860d8ab612 } from '../../../components/StatusBadge/Cell'
import { StatusBadgeField as StatusBadgeField_c93a6354b99c92a9af8e75eaa260411b } from '../../../components/StatusBadge/Field'
import { ReviewEvidence as ReviewEvidence_57deeedccd4d4de0cc9b106b2790d39c } from '../../../components/ReviewEvidence'
import { AskTheCast as AskTheCast_0a3ee6fdb3202d555652abe026f1913c } from '../../../components/AskTheCast'
import { ReviewQueueNavLink as ReviewQueueNavLink_e0b501ba0616c60971d0c54e4664e50c } from '../../../components/ReviewQueueNavLink'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { ReviewQueueView as ReviewQueueView_0d5da8d5cfadfa3c65ab60752a04a909 } from '../../../views/ReviewQueue'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/CharacterPipeline#CharacterPipeline": CharacterPipeline_cac7c6c305a5fd1a1a7f3d34c0465ef3,
  "/components/CharacterGallery#CharacterGallery": CharacterGallery_06705eb1ae0cdb7b732ae2fcf072e395,
  "/components/PipelineSummary#PipelineSummary": PipelineSummary_445896bba597c463b0a20debb21d7d9f,
  "/components/StatusBadge/PipelineStatusCell#PipelineStatusCell": PipelineStatusCell_9ba99cb96260982d354b13a7d65cc9a4,
  "/components/CoreSetBatches#CoreSetBatches": CoreSetBatches_15d52af2e2e0e762693d0cd558c88b12,
  "/components/StatusBadge/Cell#StatusBadgeCell": StatusBadgeCell_fa68ac69e79b10e5b4e8f9860d8ab612,
  "/components/StatusBadge/Field#StatusBadgeField": StatusBadgeField_c93a6354b99c92a9af8e75eaa260411b,
  "/components/ReviewEvidence#ReviewEvidence": ReviewEvidence_57deeedccd4d4de0cc9b106b2790d39c,
  "/components/AskTheCast#AskTheCast": AskTheCast_0a3ee6fdb3202d555652abe026f1913c,
  "/components/ReviewQueueNavLink#ReviewQueueNavLink": ReviewQueueNavLink_e0b501ba0616c60971d0c54e4664e50c,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/views/ReviewQueue#ReviewQueueView": ReviewQueueView_0d5da8d5cfadfa3c65ab60752a04a909,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
