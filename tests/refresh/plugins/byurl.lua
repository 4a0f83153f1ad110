-- Test plugin for the refresh pipeline: reaches the host of its `url` setting (as the generic
-- plugins do) and, when `also` is set, asks for that address too, which the host must refuse
-- unless it is on the same host.
return {
  id = "byurl",
  name = "By URL",
  version = "1.0.0",
  api_version = 1,
  multi_source = true,
  hosts_from_settings = { "url" },
  settings = {
    { key = "url", label = "Address", type = "string" },
    { key = "also", label = "Another address", type = "string", optional = true },
  },

  requests = function(ctx)
    local out = { { url = ctx.settings.url } }
    if ctx.settings.also then out[2] = { url = ctx.settings.also } end
    return out
  end,

  parse = function(response, ctx)
    return {}
  end,
}
