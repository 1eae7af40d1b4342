import * as migration_20261125_032247_initial from './20261125_032247_initial';
import * as migration_20261126_115432_gate_bands_and_master_lineage from './20261126_115432_gate_bands_and_master_lineage';

export const migrations = [
  {
    up: migration_20261125_032247_initial.up,
    down: migration_20261125_032247_initial.down,
    name: '20261125_032247_initial',
  },
  {
    up: migration_20261126_115432_gate_bands_and_master_lineage.up,
    down: migration_20261126_115432_gate_bands_and_master_lineage.down,
    name: '20261126_115432_gate_bands_and_master_lineage'
  },
];
