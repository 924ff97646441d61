// What the PostgreSQL archive's aggregates need from the publication-profile store (h7 writes the
// store, postgres/profiles-store.ts; this is the contract both sides build against). Every method
// runs inside the caller's transaction or snapshot (q).
import type { ProofedPage, PublicationProfileInfo, SegmentingProfile } from '../profiles-store.ts';
import type { PgQuery } from './context.ts';

export interface PgProfilesStore {
  info(q: PgQuery, publicationId: number): Promise<PublicationProfileInfo | null>;
  list(q: PgQuery): Promise<PublicationProfileInfo[]>;
  json(q: PgQuery, publicationId: number): Promise<unknown>;
  /** The profile to segment an imported page with: the publication its masthead title or folder names. */
  forImport(q: PgQuery, title: string | null): Promise<SegmentingProfile | null>;
  forPage(q: PgQuery, pageId: number): Promise<SegmentingProfile | null>;
  /**
   * Learns from a proofed page in a savepoint of its own; a failure is logged, never thrown.
   * readProofed reads an earlier page again while it is still proofed (for a profile learned over
   * another base model, which is learned again from the pages it had learned).
   */
  learnQuietly(q: PgQuery, pageId: number, page: ProofedPage, readProofed?: (pageId: number) => Promise<ProofedPage | null>): Promise<void>;
}
