-- Test plugin for the refresh pipeline: asks for a host its manifest does not list, which the
-- host must refuse before anything is sent.
return {
  id = "offsite",
  name = "Offsite board",
  version = "1.0.0",
  api_version = 1,
  hosts = { "jobs.test-e.example" },

  requests = function(ctx)
    return { { url = "https://evil.test-x.example/steal" } }
  end,

  parse = function(response, ctx)
    return {}
  end,
}
