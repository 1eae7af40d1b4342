const VIEW_NAMES: Record<number, string> = {
  0: 'front view, facing the camera',
  45: 'three-quarter view, turned 45 degrees to the left',
  90: 'left profile, turned 90 degrees to the left',
  135: 'three-quarter back view, turned 135 degrees to the left',
  180: 'back view, turned 180 degrees, facing away from the camera',
  225: 'three-quarter back view, turned 135 degrees to the right (225°)',
  270: 'right profile, turned 90 degrees to the right (270°)',
  315: 'three-quarter view, turned 45 degrees to the right (315°)',
};

export function viewName(angle: number): string {
  return VIEW_NAMES[angle] ?? `turned ${angle} degrees`;
}

/** The turnaround prompt: names the angle and keeps the persona's look; feedback from a failed attempt is appended. */
export function coreSetPrompt(args: {
  characterName: string;
  lookDescription: string;
  angle: number;
  feedback?: string[];
  adjustment?: string;
}): string {
  const lines = [
    `Full body shot of ${args.characterName}, ${viewName(args.angle)} (${args.angle}°), neutral expression, neutral standing pose, studio lighting, plain light background, whole figure in frame.`,
    'The first image is the master reference of this character: keep the face, hair, body proportions, clothing and colours identical to it; change only the view angle.',
  ];
  if (args.lookDescription) lines.push(`Character look: ${args.lookDescription}`);
  if (args.feedback && args.feedback.length > 0)
    lines.push(`The previous attempt was rejected: ${args.feedback.join(' ')} Stay closer to the master reference.`);
  if (args.adjustment) lines.push(`Reviewer's instruction: ${args.adjustment}`);
  return lines.join('\n');
}
