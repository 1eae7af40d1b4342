import * as migration_20261125_032247_initial from './20261125_032247_initial';
import * as migration_20261126_115432_gate_bands_and_master_lineage from './20261126_115432_gate_bands_and_master_lineage';
import * as migration_20261126_122005_outbox_jobs_and_run_costs from './20261126_122005_outbox_jobs_and_run_costs';
import * as migration_20261126_145653_system_owned_worker_account from './20261126_145653_system_owned_worker_account';
import * as migration_20261126_181323_core_set_concurrency_default_8 from './20261126_181323_core_set_concurrency_default_8';
import * as migration_20261126_181341_media_storage_prefix from './20261126_181341_media_storage_prefix';
import * as migration_20261126_185838_gallery_list_indexes from './20261126_185838_gallery_list_indexes';

export const migrations = [
  {
    up: migration_20261125_032247_initial.up,
    down: migration_20261125_032247_initial.down,
    name: '20261125_032247_initial',
  },
  {
    up: migration_20261126_115432_gate_bands_and_master_lineage.up,
    down: migration_20261126_115432_gate_bands_and_master_lineage.down,
    name: '20261126_115432_gate_bands_and_master_lineage',
  },
  {
    up: migration_20261126_122005_outbox_jobs_and_run_costs.up,
    down: migration_20261126_122005_outbox_jobs_and_run_costs.down,
    name: '20261126_122005_outbox_jobs_and_run_costs',
  },
  {
    up: migration_20261126_145653_system_owned_worker_account.up,
    down: migration_20261126_145653_system_owned_worker_account.down,
    name: '20261126_145653_system_owned_worker_account',
  },
  {
    up: migration_20261126_181323_core_set_concurrency_default_8.up,
    down: migration_20261126_181323_core_set_concurrency_default_8.down,
    name: '20261126_181323_core_set_concurrency_default_8',
  },
  {
    up: migration_20261126_181341_media_storage_prefix.up,
    down: migration_20261126_181341_media_storage_prefix.down,
    name: '20261126_181341_media_storage_prefix',
  },
  {
    up: migration_20261126_185838_gallery_list_indexes.up,
    down: migration_20261126_185838_gallery_list_indexes.down,
    name: '20261126_185838_gallery_list_indexes',
  },
];
