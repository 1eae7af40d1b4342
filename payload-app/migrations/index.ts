import * as migration_20261125_032247_initial from './20261125_032247_initial';

export const migrations = [
  {
    up: migration_20261125_032247_initial.up,
    down: migration_20261125_032247_initial.down,
    name: '20261125_032247_initial'
  },
];
