-- Public pages list and count only ideas that are neither withdrawn nor
-- hidden. A partial index over exactly those keeps listing and counting as
-- cheap as before ideas could be withdrawn or hidden; it replaces the
-- index over all of a round's ideas, which the planner would otherwise
-- prefer and then check row by row. Moderation, which sees hidden ideas
-- too, finds a round's ideas through the (round, participant, text) key.

DROP INDEX ideas_by_round_newest;
-- The two state columns make it covering for a count.
CREATE INDEX ideas_visible_by_round
    ON ideas (round_id, created_at DESC, id DESC, withdrawn_at, hidden_at)
    WHERE withdrawn_at IS NULL AND hidden_at IS NULL;
