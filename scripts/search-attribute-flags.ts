// Prints the dev server's --search-attribute arguments, one per line, for scripts/temporal-dev.sh.
import { searchAttributeFlags } from '../contracts';

console.log(searchAttributeFlags().join('\n'));
