import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite';

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`characters_relationships\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`relation\` text NOT NULL,
  	\`notes\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`characters\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`characters_relationships_order_idx\` ON \`characters_relationships\` (\`_order\`);`);
  await db.run(sql`CREATE INDEX \`characters_relationships_parent_id_idx\` ON \`characters_relationships\` (\`_parent_id\`);`);
  await db.run(sql`CREATE TABLE \`characters\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`character_id\` text NOT NULL,
  	\`status\` text DEFAULT 'draft',
  	\`project\` text,
  	\`role\` text,
  	\`biography\` text,
  	\`personality\` text,
  	\`physical_description\` text,
  	\`clothing\` text,
  	\`voice\` text,
  	\`master_reference_image_id\` integer,
  	\`master_ingest_status\` text DEFAULT 'not_started',
  	\`master_ingest_media_id\` text,
  	\`master_ingest_dino_asset_id\` text,
  	\`master_ingest_engine_id\` text,
  	\`master_ingest_quality_score\` numeric,
  	\`master_ingest_queued_at\` text,
  	\`master_ingest_workflow_id\` text,
  	\`master_ingest_run_id\` text,
  	\`master_ingest_workflow_url\` text,
  	\`master_ingest_error\` text,
  	\`master_ingest_updated_at\` text,
  	\`core_set_status\` text DEFAULT 'not_started',
  	\`core_set_workflow_id\` text,
  	\`core_set_run_id\` text,
  	\`core_set_workflow_url\` text,
  	\`core_set_error\` text,
  	\`core_set_updated_at\` text,
  	\`persona_sync_status\` text DEFAULT 'not_synced',
  	\`persona_sync_document_hash\` text,
  	\`persona_sync_synced_at\` text,
  	\`persona_sync_workflow_id\` text,
  	\`persona_sync_run_id\` text,
  	\`persona_sync_workflow_url\` text,
  	\`persona_sync_error\` text,
  	\`persona_sync_updated_at\` text,
  	\`costs_total_usd\` numeric,
  	\`costs_accepted_images\` numeric,
  	\`costs_per_accepted_image_usd\` numeric,
  	\`last_error\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`master_reference_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `);
  await db.run(sql`CREATE UNIQUE INDEX \`characters_character_id_idx\` ON \`characters\` (\`character_id\`);`);
  await db.run(sql`CREATE INDEX \`characters_master_reference_image_idx\` ON \`characters\` (\`master_reference_image_id\`);`);
  await db.run(sql`CREATE INDEX \`characters_updated_at_idx\` ON \`characters\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`characters_created_at_idx\` ON \`characters\` (\`created_at\`);`);
  await db.run(sql`CREATE TABLE \`characters_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`characters\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`characters_texts_order_parent\` ON \`characters_texts\` (\`order\`,\`parent_id\`);`);
  await db.run(sql`CREATE TABLE \`character_images\` (
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
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`alt\` text,
  	\`generation_key\` text,
  	\`generation_model\` text,
  	\`generation_model_version\` text,
  	\`generation_usage\` text,
  	\`generation_cost_usd\` numeric,
  	\`dino_asset_id\` text,
  	\`dino_processing_status\` text DEFAULT 'pending',
  	\`quality_score\` numeric,
  	\`validation_notes\` text,
  	\`analysis_engine_id\` text,
  	\`analysis_embedding_length\` numeric,
  	\`analysis_embedding\` text,
  	\`analysis_quality_checks\` text,
  	\`analysis_service_quality_score\` numeric,
  	\`analysis_service_image_metrics\` text,
  	\`analysis_analyzed_at\` text,
  	\`analysis_error\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text
  );
  `);
  await db.run(sql`CREATE UNIQUE INDEX \`media_generation_key_idx\` ON \`media\` (\`generation_key\`);`);
  await db.run(sql`CREATE INDEX \`media_dino_asset_id_idx\` ON \`media\` (\`dino_asset_id\`);`);
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`);
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`);
  await db.run(sql`CREATE INDEX \`media_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`media\` (\`sizes_thumbnail_filename\`);`);
  await db.run(sql`CREATE INDEX \`media_sizes_card_sizes_card_filename_idx\` ON \`media\` (\`sizes_card_filename\`);`);
  await db.run(sql`CREATE TABLE \`generation_runs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`workflow_id\` text NOT NULL,
  	\`character_id\` integer NOT NULL,
  	\`stage\` text NOT NULL,
  	\`cost_usd\` numeric NOT NULL,
  	\`attempts\` numeric NOT NULL,
  	\`unpriced_attempts\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`character_id\`) REFERENCES \`characters\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `);
  await db.run(sql`CREATE UNIQUE INDEX \`generation_runs_workflow_id_idx\` ON \`generation_runs\` (\`workflow_id\`);`);
  await db.run(sql`CREATE INDEX \`generation_runs_character_idx\` ON \`generation_runs\` (\`character_id\`);`);
  await db.run(sql`CREATE INDEX \`generation_runs_updated_at_idx\` ON \`generation_runs\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`generation_runs_created_at_idx\` ON \`generation_runs\` (\`created_at\`);`);
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`);
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`);
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`role\` text DEFAULT 'viewer' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`enable_a_p_i_key\` integer,
  	\`api_key\` text,
  	\`api_key_index\` text,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `);
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`);
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`);
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `);
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`);
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`);
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`characters_id\` integer,
  	\`character_images_id\` integer,
  	\`media_id\` integer,
  	\`generation_runs_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`characters_id\`) REFERENCES \`characters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`character_images_id\`) REFERENCES \`character_images\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`generation_runs_id\`) REFERENCES \`generation_runs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`);
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`);
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_characters_id_idx\` ON \`payload_locked_documents_rels\` (\`characters_id\`);`,
  );
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_character_images_id_idx\` ON \`payload_locked_documents_rels\` (\`character_images_id\`);`,
  );
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`);
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_generation_runs_id_idx\` ON \`payload_locked_documents_rels\` (\`generation_runs_id\`);`,
  );
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`);
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `);
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`);
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`);
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`);
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`);
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`);
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`);
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `);
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`);
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`);
  await db.run(sql`CREATE TABLE \`qa_settings_core_set_thresholds\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`engine_id\` text NOT NULL,
  	\`angle\` numeric NOT NULL,
  	\`min_consistency\` numeric NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`qa_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`qa_settings_core_set_thresholds_order_idx\` ON \`qa_settings_core_set_thresholds\` (\`_order\`);`);
  await db.run(
    sql`CREATE INDEX \`qa_settings_core_set_thresholds_parent_id_idx\` ON \`qa_settings_core_set_thresholds\` (\`_parent_id\`);`,
  );
  await db.run(sql`CREATE TABLE \`qa_settings_production_thresholds\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`engine_id\` text NOT NULL,
  	\`min_consistency\` numeric NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`qa_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`qa_settings_production_thresholds_order_idx\` ON \`qa_settings_production_thresholds\` (\`_order\`);`);
  await db.run(
    sql`CREATE INDEX \`qa_settings_production_thresholds_parent_id_idx\` ON \`qa_settings_production_thresholds\` (\`_parent_id\`);`,
  );
  await db.run(sql`CREATE TABLE \`qa_settings_echo_thresholds\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`engine_id\` text NOT NULL,
  	\`cosine\` numeric NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`qa_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `);
  await db.run(sql`CREATE INDEX \`qa_settings_echo_thresholds_order_idx\` ON \`qa_settings_echo_thresholds\` (\`_order\`);`);
  await db.run(sql`CREATE INDEX \`qa_settings_echo_thresholds_parent_id_idx\` ON \`qa_settings_echo_thresholds\` (\`_parent_id\`);`);
  await db.run(sql`CREATE TABLE \`qa_settings\` (
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
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`characters_relationships\`;`);
  await db.run(sql`DROP TABLE \`characters\`;`);
  await db.run(sql`DROP TABLE \`characters_texts\`;`);
  await db.run(sql`DROP TABLE \`character_images\`;`);
  await db.run(sql`DROP TABLE \`media\`;`);
  await db.run(sql`DROP TABLE \`generation_runs\`;`);
  await db.run(sql`DROP TABLE \`users_sessions\`;`);
  await db.run(sql`DROP TABLE \`users\`;`);
  await db.run(sql`DROP TABLE \`payload_kv\`;`);
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`);
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`);
  await db.run(sql`DROP TABLE \`payload_preferences\`;`);
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`);
  await db.run(sql`DROP TABLE \`payload_migrations\`;`);
  await db.run(sql`DROP TABLE \`qa_settings_core_set_thresholds\`;`);
  await db.run(sql`DROP TABLE \`qa_settings_production_thresholds\`;`);
  await db.run(sql`DROP TABLE \`qa_settings_echo_thresholds\`;`);
  await db.run(sql`DROP TABLE \`qa_settings\`;`);
}
