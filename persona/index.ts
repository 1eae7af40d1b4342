export { formatPersonaDocument, personaHash, type PersonaInput } from './format';
