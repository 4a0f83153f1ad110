-- Test plugin for the refresh pipeline: its parse() always raises, as a plugin does when the
-- platform changed its format.
return {
  id = "crashy",
  name = "Crashy board",
  version = "1.0.0",
  api_version = 1,
  hosts = { "jobs.test-c.example" },

  requests = function(ctx)
    return { { url = "https://jobs.test-c.example/jobs" } }
  end,

  parse = function(response, ctx)
    error("the board sent no `jobs` array")
  end,
}
