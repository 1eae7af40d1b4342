import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite';

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`);
  await db.run(sql`CREATE TABLE \`__new_qa_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`min_quality_score\` numeric DEFAULT 60,
  	\`echo_cosine\` numeric DEFAULT 0.97,
  	\`max_attempts_per_angle\` numeric DEFAULT 3,
  	\`core_set_concurrency\` numeric DEFAULT 8,
  	\`review_timeout_hours\` numeric DEFAULT 72,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `);
  await db.run(
    sql`INSERT INTO \`__new_qa_settings\`("id", "min_quality_score", "echo_cosine", "max_attempts_per_angle", "core_set_concurrency", "review_timeout_hours", "updated_at", "created_at") SELECT "id", "min_quality_score", "echo_cosine", "max_attempts_per_angle", "core_set_concurrency", "review_timeout_hours", "updated_at", "created_at" FROM \`qa_settings\`;`,
  );
  await db.run(sql`DROP TABLE \`qa_settings\`;`);
  await db.run(sql`ALTER TABLE \`__new_qa_settings\` RENAME TO \`qa_settings\`;`);
  await db.run(sql`PRAGMA foreign_keys=ON;`);
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`);
  await db.run(sql`CREATE TABLE \`__new_qa_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`min_quality_score\` numeric DEFAULT 60,
  	\`echo_cosine\` numeric DEFAULT 0.97,
  	\`max_attempts_per_angle\` numeric DEFAULT 3,
  	\`core_set_concurrency\` numeric DEFAULT 4,
  	\`review_timeout_hours\` numeric DEFAULT 72,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `);
  await db.run(
    sql`INSERT INTO \`__new_qa_settings\`("id", "min_quality_score", "echo_cosine", "max_attempts_per_angle", "core_set_concurrency", "review_timeout_hours", "updated_at", "created_at") SELECT "id", "min_quality_score", "echo_cosine", "max_attempts_per_angle", "core_set_concurrency", "review_timeout_hours", "updated_at", "created_at" FROM \`qa_settings\`;`,
  );
  await db.run(sql`DROP TABLE \`qa_settings\`;`);
  await db.run(sql`ALTER TABLE \`__new_qa_settings\` RENAME TO \`qa_settings\`;`);
  await db.run(sql`PRAGMA foreign_keys=ON;`);
}
