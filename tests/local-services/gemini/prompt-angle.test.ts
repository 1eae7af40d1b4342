import { angleFromPrompt } from '../../../local-services/gemini/prompt-angle';

describe('angleFromPrompt', () => {
  it.each([
    ['Full body shot of Jax, front view, facing the camera (0°), neutral expression', 0],
    ['Full body shot of Jax, three-quarter view, turned 45 degrees to the left (45°), plain light background', 45],
    ['Full body shot of Jax, left profile, turned 90 degrees to the left (90°)', 90],
    ['three-quarter back view, turned 135 degrees to the left (135°)', 135],
    ['back view, turned 180 degrees, facing away from the camera (180°)', 180],
    // The explicit degrees win over "turned 135 degrees to the right" (which also means 225).
    ['three-quarter back view, turned 135 degrees to the right (225°) (225°)', 225],
    ['right profile, turned 90 degrees to the right (270°) (270°)', 270],
    ['three-quarter view, turned 45 degrees to the right (315°)', 315],
  ])('reads the turnaround prompt %j as %i°', (prompt, angle) => {
    expect(angleFromPrompt(prompt)).toBe(angle);
  });

  it.each([
    ['Jax turned 45 degrees to the right, smiling', 315],
    ['the character turned 90 degrees', 90],
    ['a 135-degree view of Jax', 135],
    ['Jax seen from behind, walking away, plain light background', 180],
    ['a left side view of Jax', 90],
    ['right profile of Jax', 270],
    ['a profile portrait', 90],
    ['3/4 view, looking right', 315],
    ['three-quarter back view from the left', 135],
    ['a front-facing full body shot', 0],
    ['Turned -45° for the poster', 315],
    ['spinning 405° is still 45°', 45],
  ])('reads the free prompt %j as %i°', (prompt, angle) => {
    expect(angleFromPrompt(prompt)).toBe(angle);
  });

  it('names no angle for a prompt without one (and "background" is not a back view)', () => {
    expect(angleFromPrompt('Jax smiling, leather jacket, cinematic lighting, plain light background')).toBeUndefined();
  });
});
