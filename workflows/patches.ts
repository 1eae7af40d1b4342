/**
 * Patch ids for `patched()`: each marks the histories recorded with a behaviour that changed the commands a workflow
 * issues. Runs started before a change (waiting days for review across a deploy) replay on the old branch; new runs
 * take the new one. Rules for the next change: never edit the old branch's behaviour, add a new id here for the new
 * one, and once no open run can carry an old id (check in the Web UI), remove its branch with `deprecatePatch`.
 * tests/workflows replays saved histories of each workflow type against the current code.
 */

/** The judge with view bands and hard quality checks; neighbours passed to the consistency measurement. */
export const VIEW_BANDS_PATCH = 'view-bands-and-hard-quality-checks';

/** Review decisions that arrive before the workflow waits are kept; stale ones are recorded as ignored. */
export const EARLY_DECISIONS_PATCH = 'review-inbox-keeps-early-decisions';

/**
 * A failed angle ends alone; failure or cancellation discards candidates and withdraws a flagged image; the
 * character's state ends final; every run records its cost.
 */
export const LANES_FAIL_ALONE_PATCH = 'lanes-fail-alone-and-runs-end-clean';

/**
 * An angle waiting for review gives its generation slot to a queued angle (and takes one again on a retry): before,
 * a fifth angle waited for a person to decide on one of the first four.
 */
export const REVIEW_FREES_SLOT_PATCH = 'review-frees-generation-slot';

/** Pixel measurements (candidate and master quality) are scheduled on the image-work queue (contracts/task-queues.ts). */
export const IMAGE_WORK_QUEUE_PATCH = 'image-work-on-its-own-queue';

/** The image model is called on its own task queue, whose rate Temporal limits across all workers. */
export const MODEL_TASK_QUEUE_PATCH = 'model-calls-on-rate-limited-queue';

/**
 * generateCandidate registers the image with the analysis service from the bytes it holds (registerCandidate is given
 * the asset id instead of downloading the file again).
 */
export const REGISTER_FROM_GENERATED_BYTES_PATCH = 'register-candidate-from-generated-bytes';

/** A run's final state and its cost record are written at once at its end, not one after the other. */
export const END_OF_RUN_AT_ONCE_PATCH = 'final-state-and-cost-at-once';

/** registerCandidate measures the candidate's consistency with the features in hand (no measureConsistency after it). */
export const CONSISTENCY_AT_REGISTRATION_PATCH = 'consistency-measured-at-registration';

/** A core set's "running" state is written while its context loads, not after. */
export const RUNNING_STATE_BESIDE_CONTEXT_PATCH = 'running-state-beside-context';

/**
 * A cancelled or failed core set ends only after every angle has cleaned up: before, the first lane to rethrow the
 * cancellation ended the run while another lane was still withdrawing its flagged image, which then stayed in review.
 */
export const LANES_SETTLE_BEFORE_END_PATCH = 'lanes-settle-before-run-ends';

/**
 * Short Payload bookkeeping (a run's context, its state, the gallery save, review decisions, discards, the cost record)
 * runs as local activities on the workflow's own worker: each saves the server round trip a scheduled activity costs
 * (completion → new workflow task → next command); 60–80 ms of one angle's ~570–660 ms beyond the model (bench/README.md).
 */
export const LOCAL_BOOKKEEPING_PATCH = 'bookkeeping-as-local-activities';

/**
 * The bookkeeping of `bookkeeping-as-local-activities` is scheduled again. A local activity holds its workflow task
 * open; on FerretDB with the machine under load, Payload writes of several seconds held core-set tasks past the 10 s
 * workflow-task timeout (up to 22 s measured). The server then gave the task out again, the writes' results were
 * dropped ("untracked local activity") and the retry ran them again, as slowly: one run sat for 20 minutes with an
 * angle in review that no reviewer could reach. A slow scheduled write delays only its own step. Runs started with
 * the local patch keep it.
 */
export const BOOKKEEPING_SCHEDULED_AGAIN_PATCH = 'bookkeeping-scheduled-again';
