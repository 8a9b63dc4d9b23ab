-- `:checkhealth go-analyzer`: is there a server binary, which version is it, is there a Go
-- toolchain for it to find the standard library with, and is a client running.

local M = {}

local health = vim.health
-- Neovim 0.8/0.9 named the reporters report_*.
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error
local info = health.info or health.report_info

--- Runs a command for its first line of output, with a timeout so a hung binary cannot hang
--- the health check.
local function first_line(cmd)
  if vim.system then
    local ok_run, proc = pcall(vim.system, cmd, { text = true })
    if not ok_run then
      return nil, tostring(proc)
    end
    local res = proc:wait(10000)
    if res.code ~= 0 then
      return nil, ('exit code %s: %s'):format(res.code, vim.trim(res.stderr or ''))
    end
    return vim.split(vim.trim(res.stdout or ''), '\n')[1]
  end
  local out = vim.fn.system(cmd)
  if vim.v.shell_error ~= 0 then
    return nil, ('exit code %d: %s'):format(vim.v.shell_error, vim.trim(out))
  end
  return vim.split(vim.trim(out), '\n')[1]
end

local function configured_cmd(ga)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local running = get({ name = ga.name })[1]
  if running then
    return running.config.cmd, 'of the running client'
  end
  if not ga.uses_setup() and vim.lsp.config and vim.lsp.config[ga.name] then
    return vim.lsp.config[ga.name].cmd, "from vim.lsp.config('go_analyzer')"
  end
  return ga.config().cmd, 'default'
end

function M.check()
  local ga = require('go-analyzer')
  start('go-analyzer')

  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    ok(('Neovim %s: vim.lsp.enable("go_analyzer") or setup()'):format(version))
  elseif vim.fn.has('nvim-0.8') == 1 then
    ok(('Neovim %s: use require("go-analyzer").setup()'):format(version))
  else
    err('Neovim 0.8 or newer is required')
  end

  local cmd, where = configured_cmd(ga)
  if type(cmd) ~= 'table' then
    info('cmd is a function: not checked')
  else
    local resolved, problem = ga.resolve_cmd(cmd)
    if problem then
      err(('server binary (%s cmd %s): %s'):format(where, vim.inspect(cmd), problem))
    else
      ok(('server binary: %s (%s cmd)'):format(resolved[1], where))
      local version, why = first_line({ resolved[1], '--version' })
      if version then
        ok(('version: %s'):format(version))
      else
        err(('%s --version failed: %s'):format(resolved[1], why))
      end
    end
  end

  local go = vim.env.GOROOT and (vim.env.GOROOT .. '/bin/go') or nil
  if not (go and vim.fn.executable(go) == 1) then
    go = vim.fn.exepath('go')
  end
  if go == '' then
    warn('no Go toolchain: `go` is not on PATH and GOROOT is unset; the standard library will not resolve', {
      'Install Go, or set GOROOT in the environment Neovim starts the server with',
    })
  else
    local version, why = first_line({ go, 'version' })
    if version then
      ok(('Go toolchain: %s (%s)'):format(version, go))
    else
      warn(('Go toolchain %s does not run: %s'):format(go, why))
    end
  end

  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = ga.name })
  if #clients == 0 then
    info('no go-analyzer client is running (open a Go file)')
  end
  for _, client in ipairs(clients) do
    ok(('client %d running for %s'):format(client.id, client.config.root_dir or '?'))
  end
end

return M
