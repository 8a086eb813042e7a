-- First rollouts (issue 13; docs/fleet.md "A first rollout"). Same dialect rules as V1.
-- A staged fleet deployment gives its new members nothing (placement HELD) until a rollout's wave moves them; a
-- rollout from, or (a rollback of a first rollout) to, no version has a NULL from_version or to_version.
ALTER TABLE fleet_intent ADD COLUMN staged BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE fleet_member DROP CONSTRAINT fleet_member_placement_ck;
ALTER TABLE fleet_member ADD CONSTRAINT fleet_member_placement_ck CHECK (placement IN ('PLACED', 'NOT_PLACEABLE',
    'HELD'));

ALTER TABLE rollout ALTER COLUMN from_version DROP NOT NULL;
ALTER TABLE rollout ALTER COLUMN to_version DROP NOT NULL;
