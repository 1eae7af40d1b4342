import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite';

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`character_images_quality_score_idx\`;`);
  await db.run(sql`DROP INDEX \`character_images_consistency_score_idx\`;`);
  await db.run(sql`CREATE INDEX \`character_createdAt_idx\` ON \`character_images\` (\`character_id\`,\`created_at\`);`);
  await db.run(sql`CREATE INDEX \`review_status_createdAt_idx\` ON \`character_images\` (\`review_status\`,\`created_at\`);`);
  await db.run(sql`CREATE INDEX \`kind_createdAt_idx\` ON \`character_images\` (\`kind\`,\`created_at\`);`);
  await db.run(
    sql`CREATE INDEX \`createdAt_qualityScore_consistencyScore_idx\` ON \`character_images\` (\`created_at\`,\`quality_score\`,\`consistency_score\`);`,
  );
  // Fresh statistics, so SQLite's planner weighs the new indexes (a big library otherwise keeps sorting every match).
  await db.run(sql`ANALYZE \`character_images\`;`);
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`character_createdAt_idx\`;`);
  await db.run(sql`DROP INDEX \`review_status_createdAt_idx\`;`);
  await db.run(sql`DROP INDEX \`kind_createdAt_idx\`;`);
  await db.run(sql`DROP INDEX \`createdAt_qualityScore_consistencyScore_idx\`;`);
  await db.run(sql`CREATE INDEX \`character_images_quality_score_idx\` ON \`character_images\` (\`quality_score\`);`);
  await db.run(sql`CREATE INDEX \`character_images_consistency_score_idx\` ON \`character_images\` (\`consistency_score\`);`);
}
