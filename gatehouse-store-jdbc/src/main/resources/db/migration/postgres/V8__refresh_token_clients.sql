-- A refresh token family issued to an OpenID client carries the client and the scopes the user
-- granted it: only that client may rotate it, and never for more scopes. Both NULL for a family of
-- Gatehouse's own sign-in; both present, or both absent. The same columns as the SQLite migration
-- of the same version.
ALTER TABLE refresh_tokens ADD COLUMN client_id TEXT COLLATE "C";
-- Separated by spaces, as OAuth writes them.
ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;
