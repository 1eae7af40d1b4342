// Types for the generated importMap.js (written by `payload generate:importmap`).
export declare const importMap: import('payload').ImportMap;
