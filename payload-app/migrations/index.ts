import * as migration_20261125_020619_initial from './20261125_020619_initial';

export const migrations = [
  {
    up: migration_20261125_020619_initial.up,
    down: migration_20261125_020619_initial.down,
    name: '20261125_020619_initial'
  },
];
