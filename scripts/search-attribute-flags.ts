// Prints the dev server's --search-attribute arguments and the model queue's single partition (contracts/), one per
// line, for scripts/temporal-dev.sh.
import { SINGLE_PARTITION_DEV_SERVER_FLAGS, searchAttributeFlags } from '../contracts';

console.log([...searchAttributeFlags(), ...SINGLE_PARTITION_DEV_SERVER_FLAGS].join('\n'));
