import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { Post, post } from '@serviceledger/hr-performance/domain';

export const POSTS_PROJECTION = 'hr-performance.posts';

export interface PostRow {
  postId: string;
  name: string;
  departmentId: string;
  track: string;
  standardsVersion: number;
  onboardingVersion: number | null;
  /** The folded post (JSON): duties, every standards version, the onboarding programme. */
  state: string;
  updatedAt: string;
}

/** Posts with their recruitment standards versions and onboarding programme (H-1.1, H-1.2): the post decider's state. */
export const postsProjection: ProjectionDefinition = {
  name: POSTS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: ['hr-performance.post-'] },
  tables: {
    post: {
      columns: {
        postId: { type: String, primary: true, name: 'post_id' },
        name: { type: String },
        departmentId: { type: String, name: 'department_id' },
        track: { type: String },
        standardsVersion: { type: Number, name: 'standards_version' },
        onboardingVersion: { type: Number, nullable: true, name: 'onboarding_version' },
        state: { type: 'text' },
        updatedAt: { type: String, name: 'updated_at' },
      },
      indices: [{ columns: ['departmentId'] }],
    } satisfies TableSpec<PostRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      const folded = await foldEvent(tables, event, post);
      if (folded?.after) tables.table<PostRow>('post').upsert(postRow(folded.after, event.occurredAt));
    }
  },
};

function postRow(state: Post, updatedAt: string): PostRow {
  return {
    postId: state.postId,
    name: state.name,
    departmentId: state.departmentId,
    track: state.track,
    standardsVersion: state.standards.at(-1)?.version ?? 0,
    onboardingVersion: state.onboarding?.version ?? null,
    state: JSON.stringify(state),
    updatedAt,
  };
}
