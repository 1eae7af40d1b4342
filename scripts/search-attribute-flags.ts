// Prints the dev server's --search-attribute arguments, the model queue's single partition and how it keeps its SQLite
// file (contracts/), one per line, for scripts/temporal-dev.sh.
import { DEV_SERVER_SQLITE_FLAGS, SINGLE_PARTITION_DEV_SERVER_FLAGS, searchAttributeFlags } from '../contracts';

console.log([...searchAttributeFlags(), ...SINGLE_PARTITION_DEV_SERVER_FLAGS, ...DEV_SERVER_SQLITE_FLAGS].join('\n'));
