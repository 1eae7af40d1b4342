/** The production prompt: the editor's words, plus how to use the references and any feedback. */
export function productionPrompt(args: {
  characterName: string;
  lookDescription: string;
  prompt: string;
  referenceCount: number;
  feedback: string[];
  adjustment?: string;
}): string {
  const lines = [
    args.prompt.trim(),
    `The ${args.referenceCount} reference images all show ${args.characterName}: the first is the master reference, the others are approved views from other angles. Keep the face, hair, body proportions, clothing and colours identical to them.`,
  ];
  if (args.lookDescription) lines.push(`Character look: ${args.lookDescription}`);
  if (args.feedback.length > 0) lines.push(`The previous attempt was rejected: ${args.feedback.join(' ')} Stay closer to the references.`);
  if (args.adjustment) lines.push(`Reviewer's instruction: ${args.adjustment}`);
  return lines.join('\n');
}
