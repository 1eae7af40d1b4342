import { createHash } from 'node:crypto';

export interface PersonaInput {
  name: string;
  characterId: string;
  project?: string | null;
  role?: string | null;
  biography?: string | null;
  personality?: string | null;
  physicalDescription?: string | null;
  clothing?: string | null;
  voice?: string | null;
  skills?: string[] | string | null;
  relationships?: Array<{ name?: string | null; relation?: string | null; notes?: string | null }> | null;
}

/** NFC, LF line ends, no trailing spaces, no runs of blank lines: whitespace-only edits hash the same. */
function normalise(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The persona as one deterministic plain-text document (docs/services.md): a header naming the character,
 * its id and project, then labelled sections in a fixed order; empty sections are left out.
 */
export function formatPersonaDocument(persona: PersonaInput): string {
  const name = normalise(persona.name);
  const skills = Array.isArray(persona.skills) ? persona.skills.map(normalise).filter(Boolean).join(', ') : normalise(persona.skills);
  const relationships = (persona.relationships ?? [])
    .map((entry) => {
      const other = normalise(entry.name);
      const relation = normalise(entry.relation);
      if (!other || !relation) return '';
      const notes = normalise(entry.notes);
      return `${name} is ${/^(the|a|an)\b/i.test(relation) ? '' : 'the '}${relation} ${other}.${notes ? ` ${notes}` : ''}`.replace(
        /\s+/g,
        ' ',
      );
    })
    .filter(Boolean)
    .join('\n');
  const sections: Array<[string, string]> = [
    ['Role', normalise(persona.role)],
    ['Biography', normalise(persona.biography)],
    ['Personality', normalise(persona.personality)],
    ['Physical description', normalise(persona.physicalDescription)],
    ['Clothing', normalise(persona.clothing)],
    ['Voice', normalise(persona.voice)],
    ['Skills', skills],
    ['Relationships', relationships],
  ];
  const header = `Character: ${name} (id: ${normalise(persona.characterId)}${persona.project ? `, project: ${normalise(persona.project)}` : ''})`;
  return [header, ...sections.filter(([, body]) => body).map(([label, body]) => `## ${label}\n${body}`)].join('\n\n') + '\n';
}

export function personaHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
