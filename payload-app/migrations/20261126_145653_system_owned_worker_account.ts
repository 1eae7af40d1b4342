import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite';

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`users\` ADD \`system_account\` text;`);
  await db.run(sql`CREATE UNIQUE INDEX \`users_system_account_idx\` ON \`users\` (\`system_account\`);`);
  // Adopts the worker account earlier versions made (the service user at the worker's address), once, so upgrades keep
  // a working worker. Earlier versions could promote a person who took that address: the README's key rotation
  // (delete the account, restart) gives a fresh system-made one.
  await db.run(
    sql`UPDATE \`users\` SET \`system_account\` = 'temporal-worker' WHERE \`email\` = 'worker@service.local' AND \`role\` = 'service';`,
  );
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`users_system_account_idx\`;`);
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`system_account\`;`);
}
