/**
 * How the Temporal dev server (the embedded default's Temporal) keeps its SQLite file. Its own default is a rollback
 * journal with a full sync on every commit, and every workflow task, activity start and completion is a commit: on
 * this project's bench a one-angle core set spent 169–240 ms of its time with no activity in flight, and 126–144 ms
 * with these (bench/README.md, eleventh pass). A write-ahead log with `synchronous=normal` loses nothing when a
 * process dies (the chaos test kills the server -9); a power cut may lose the last commits, not the file. A cluster
 * keeps its history in its own database and ignores this.
 */
export const DEV_SERVER_SQLITE_FLAGS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'] as const;
