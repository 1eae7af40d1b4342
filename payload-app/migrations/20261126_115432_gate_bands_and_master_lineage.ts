import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite';
import { DEFAULT_CORE_SET_THRESHOLDS } from '../globals/QaSettings/defaults';

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`qa_settings_neighbour_thresholds\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`engine_id\` text NOT NULL,
  	\`min_consistency\` numeric NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`qa_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`qa_settings_neighbour_thresholds_order_idx\` ON \`qa_settings_neighbour_thresholds\` (\`_order\`);`);
  await db.run(
    sql`CREATE INDEX \`qa_settings_neighbour_thresholds_parent_id_idx\` ON \`qa_settings_neighbour_thresholds\` (\`_parent_id\`);`,
  );
  await db.run(sql`ALTER TABLE \`character_images\` ADD \`made_for_master_id\` integer REFERENCES media(id);`);
  await db.run(sql`ALTER TABLE \`character_images\` ADD \`retired_at\` text;`);
  await db.run(sql`ALTER TABLE \`character_images\` ADD \`retired_reason\` text;`);
  await db.run(sql`ALTER TABLE \`character_images\` ADD \`measurements_consistency_upper_bound\` numeric;`);
  await db.run(sql`ALTER TABLE \`character_images\` ADD \`measurements_reasons\` text;`);
  await db.run(sql`CREATE INDEX \`character_images_made_for_master_idx\` ON \`character_images\` (\`made_for_master_id\`);`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` ADD \`max_consistency\` numeric;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` ADD \`character_floor\` numeric;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` ADD \`review_until_calibrated\` integer DEFAULT false;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` ADD \`calibration_note\` text;`);
  // Images from before lineage was recorded are taken as made for the master their character has now.
  await db.run(
    sql`UPDATE \`character_images\` SET \`made_for_master_id\` = (SELECT \`master_reference_image_id\` FROM \`characters\` WHERE \`characters\`.\`id\` = \`character_images\`.\`character_id\`) WHERE \`made_for_master_id\` IS NULL;`,
  );
  await adoptDefaultBands({ payload, req });
}

/**
 * Saved QA settings predate view bands: engines the defaults know get their default rows (the classical engine is
 * now classical-v2, whose scores are not comparable with v1's; DINOv3's side and back views now go to review until
 * calibrated). Rows of engines the defaults do not know are kept as they are.
 */
async function adoptDefaultBands({ payload, req }: Pick<MigrateUpArgs, 'payload' | 'req'>): Promise<void> {
  const settings = await payload.findGlobal({ slug: 'qa-settings', req, depth: 0 });
  const saved = settings.coreSetThresholds ?? [];
  if (saved.length === 0) return;
  const known = new Set(DEFAULT_CORE_SET_THRESHOLDS.map((row) => row.engineId));
  const kept = saved.filter((row) => !known.has(row.engineId) && row.engineId !== 'classical-v1');
  await payload.updateGlobal({
    slug: 'qa-settings',
    req,
    data: { coreSetThresholds: [...kept.map(({ id: _id, ...row }) => row), ...DEFAULT_CORE_SET_THRESHOLDS] },
  });
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`qa_settings_neighbour_thresholds\`;`);
  await db.run(sql`PRAGMA foreign_keys=OFF;`);
  await db.run(sql`CREATE TABLE \`__new_character_images\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`character_id\` integer NOT NULL,
  	\`kind\` text NOT NULL,
  	\`angle\` numeric,
  	\`image_file_id\` integer NOT NULL,
  	\`is_core_reference\` integer DEFAULT false,
  	\`dino_asset_id\` text,
  	\`dino_processing_status\` text DEFAULT 'pending',
  	\`quality_score\` numeric,
  	\`consistency_score\` numeric,
  	\`validation_notes\` text,
  	\`shot_type\` text,
  	\`tags\` text,
  	\`review_status\` text DEFAULT 'not_required',
  	\`review_requested_at\` text,
  	\`review_decided_by_id\` integer,
  	\`review_decided_by_label\` text,
  	\`review_decided_at\` text,
  	\`review_note\` text,
  	\`review_prompt_adjustment\` text,
  	\`generation_key\` text NOT NULL,
  	\`provenance_prompt\` text,
  	\`provenance_model\` text,
  	\`provenance_model_version\` text,
  	\`provenance_reference_media_ids\` text,
  	\`provenance_attempt\` numeric,
  	\`provenance_usage\` text,
  	\`provenance_cost_usd\` numeric,
  	\`measurements_cosine\` numeric,
  	\`measurements_engine_id\` text,
  	\`measurements_consistency_threshold\` numeric,
  	\`measurements_quality_threshold\` numeric,
  	\`measurements_compared_with_media_id\` text,
  	\`measurements_quality_checks\` text,
  	\`measurements_service_quality_score\` numeric,
  	\`workflow_id\` text,
  	\`workflow_run_id\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`character_id\`) REFERENCES \`characters\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`image_file_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`review_decided_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `);
  await db.run(
    sql`INSERT INTO \`__new_character_images\`("id", "character_id", "kind", "angle", "image_file_id", "is_core_reference", "dino_asset_id", "dino_processing_status", "quality_score", "consistency_score", "validation_notes", "shot_type", "tags", "review_status", "review_requested_at", "review_decided_by_id", "review_decided_by_label", "review_decided_at", "review_note", "review_prompt_adjustment", "generation_key", "provenance_prompt", "provenance_model", "provenance_model_version", "provenance_reference_media_ids", "provenance_attempt", "provenance_usage", "provenance_cost_usd", "measurements_cosine", "measurements_engine_id", "measurements_consistency_threshold", "measurements_quality_threshold", "measurements_compared_with_media_id", "measurements_quality_checks", "measurements_service_quality_score", "workflow_id", "workflow_run_id", "updated_at", "created_at") SELECT "id", "character_id", "kind", "angle", "image_file_id", "is_core_reference", "dino_asset_id", "dino_processing_status", "quality_score", "consistency_score", "validation_notes", "shot_type", "tags", "review_status", "review_requested_at", "review_decided_by_id", "review_decided_by_label", "review_decided_at", "review_note", "review_prompt_adjustment", "generation_key", "provenance_prompt", "provenance_model", "provenance_model_version", "provenance_reference_media_ids", "provenance_attempt", "provenance_usage", "provenance_cost_usd", "measurements_cosine", "measurements_engine_id", "measurements_consistency_threshold", "measurements_quality_threshold", "measurements_compared_with_media_id", "measurements_quality_checks", "measurements_service_quality_score", "workflow_id", "workflow_run_id", "updated_at", "created_at" FROM \`character_images\`;`,
  );
  await db.run(sql`DROP TABLE \`character_images\`;`);
  await db.run(sql`ALTER TABLE \`__new_character_images\` RENAME TO \`character_images\`;`);
  await db.run(sql`PRAGMA foreign_keys=ON;`);
  await db.run(sql`CREATE INDEX \`character_images_character_idx\` ON \`character_images\` (\`character_id\`);`);
  await db.run(sql`CREATE INDEX \`character_images_kind_idx\` ON \`character_images\` (\`kind\`);`);
  await db.run(sql`CREATE INDEX \`character_images_image_file_idx\` ON \`character_images\` (\`image_file_id\`);`);
  await db.run(sql`CREATE INDEX \`character_images_is_core_reference_idx\` ON \`character_images\` (\`is_core_reference\`);`);
  await db.run(sql`CREATE INDEX \`character_images_dino_processing_status_idx\` ON \`character_images\` (\`dino_processing_status\`);`);
  await db.run(sql`CREATE INDEX \`character_images_quality_score_idx\` ON \`character_images\` (\`quality_score\`);`);
  await db.run(sql`CREATE INDEX \`character_images_consistency_score_idx\` ON \`character_images\` (\`consistency_score\`);`);
  await db.run(sql`CREATE INDEX \`character_images_review_review_status_idx\` ON \`character_images\` (\`review_status\`);`);
  await db.run(sql`CREATE INDEX \`character_images_review_review_decided_by_idx\` ON \`character_images\` (\`review_decided_by_id\`);`);
  await db.run(sql`CREATE UNIQUE INDEX \`character_images_generation_key_idx\` ON \`character_images\` (\`generation_key\`);`);
  await db.run(sql`CREATE INDEX \`character_images_workflow_id_idx\` ON \`character_images\` (\`workflow_id\`);`);
  await db.run(sql`CREATE INDEX \`character_images_updated_at_idx\` ON \`character_images\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`character_images_created_at_idx\` ON \`character_images\` (\`created_at\`);`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` DROP COLUMN \`max_consistency\`;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` DROP COLUMN \`character_floor\`;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` DROP COLUMN \`review_until_calibrated\`;`);
  await db.run(sql`ALTER TABLE \`qa_settings_core_set_thresholds\` DROP COLUMN \`calibration_note\`;`);
}
