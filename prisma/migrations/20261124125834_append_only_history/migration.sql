-- Hand-written: tables that record history are append-only. A revocation, a correction or a
-- decision is a new row, never an edit, so every anchored leaf keeps matching its row. The
-- triggers stop accidents and the application; a superuser can still disable them, which is
-- why ledger verification re-checks every anchored row.
CREATE FUNCTION history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table "%" is append-only (% refused): record a new entry instead', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['AccessEvent', 'RecordVersion', 'Disclosure', 'Consent', 'ConsentRevocation',
    'CareTeamChange', 'BreakGlass', 'AdminAction', 'RoleChange', 'RoleChangeDecision', 'ErasureDecision',
    'NotarizedDocument', 'VerificationRun']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION history_refuse_change()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change()', t || '_no_truncate', t);
  END LOOP;
END $$;
