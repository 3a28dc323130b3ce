-- ChatGPT Compliance Logs (JSONL files as downloaded) → Uptake facts CSV, in DuckDB 1.1+.
-- One row per person × tool × UTC day; message text is never selected.
COPY (
  WITH events AS (
    SELECT * FROM read_json('compliance-logs/*.jsonl', format = 'newline_delimited',
                            union_by_name = true, ignore_errors = true)
    QUALIFY row_number() OVER (PARTITION BY event_id) = 1   -- an event listed twice counts once
  ),
  prompts AS (        -- ChatGPT: the messages each person wrote
    SELECT lower(trim(actor.user_email)) AS person,
           TRY_CAST("timestamp" AS TIMESTAMP) AS sent_at
    FROM events
    WHERE "type" = 'CONVERSATION_MESSAGE' AND message.author."type" = 'user'
      AND TRY_CAST("timestamp" AS TIMESTAMP) IS NOT NULL AND actor.user_email IS NOT NULL
  ),
  sessions AS (       -- a session starts after 30 minutes without a message
    SELECT person, sent_at,
           coalesce(sent_at - lag(sent_at) OVER (PARTITION BY person ORDER BY sent_at)
                    > INTERVAL 30 MINUTE, true) AS starts
    FROM prompts
  )
  SELECT person, 'chatgpt' AS tool, CAST(sent_at AS DATE) AS day,
         count(*) AS messages, count(*) FILTER (WHERE starts) AS sessions,
         NULL::BIGINT AS input_tokens, NULL::BIGINT AS cached_input_tokens,
         NULL::BIGINT AS output_tokens
  FROM sessions GROUP BY ALL
  UNION ALL
  SELECT lower(trim(actor.user_email)), 'codex',
         CAST(TRY_CAST("timestamp" AS TIMESTAMP) AS DATE) AS day,
         count(*) FILTER (WHERE event_details.detail_type = 'PROMPT_SENT'),
         count(DISTINCT event_details.session_id),
         sum(event_details.token_usage.input_tokens),
         sum(event_details.token_usage.cached_input_tokens),
         sum(event_details.token_usage.output_tokens)
  FROM events
  WHERE "type" = 'CODEX_LOG' AND TRY_CAST("timestamp" AS TIMESTAMP) IS NOT NULL
    AND actor.user_email IS NOT NULL
  GROUP BY ALL
  ORDER BY day, tool, person
) TO 'uptake-facts.csv' (HEADER);
