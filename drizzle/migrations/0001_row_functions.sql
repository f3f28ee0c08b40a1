-- Date cast used by the expression indexes of date columns and by date filters. Stored dates are
-- ISO 8601 strings in UTC; pinning the time zone makes the cast immutable, as an index requires.
CREATE FUNCTION flowscope_timestamptz(value text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET "TimeZone" = 'UTC'
  AS $$ SELECT value::timestamptz $$;
