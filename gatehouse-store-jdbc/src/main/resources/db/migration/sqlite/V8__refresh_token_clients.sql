-- A refresh token family issued to an OpenID client carries the client and the scopes the user
-- granted it: only that client may rotate it, and never for more scopes. Both NULL for a family of
-- Gatehouse's own sign-in; both present, or both absent.
ALTER TABLE refresh_tokens ADD COLUMN client_id TEXT;
-- Separated by spaces, as OAuth writes them.
ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;
