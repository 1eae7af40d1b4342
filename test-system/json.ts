/**
 * A parsed JSON body as tests read it: by path (`body.doc.id`), with the assertion as the type check. Typing every
 * response would copy Payload's generated types and the services' wire formats into the tests.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one deliberate `any`, named for what it is
export type Json = any;
