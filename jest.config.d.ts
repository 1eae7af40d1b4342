/** What tests read from jest.config.js: the time Jest gives each test. */
declare const config: { testTimeout: number };
export default config;
