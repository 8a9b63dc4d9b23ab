-- End-to-end test of the Neovim plugin in a real headless Neovim, against a real go-analyzer:
--
--   nvim --headless --clean -l editors/neovim/test/e2e.lua BINARY enable|setup
--
-- `enable` configures the server the Neovim 0.11+ way (vim.lsp.config + vim.lsp.enable),
-- `setup` through require('go-analyzer').setup() (vim.lsp.start, the way for older Neovims),
-- starting with a wrong binary path to check the message and the recovery. Both then open a Go
-- file with a type error, wait for the diagnostic, fix it through an edit, run
-- :checkhealth go-analyzer, kill the server and check that it comes back. Everything is asserted
-- through Neovim's own API (vim.diagnostic.get, vim.lsp.get_clients, the health buffer), and
-- every wait has a deadline.

local binary, mode = arg[1], arg[2] or 'enable'
if not binary or (mode ~= 'enable' and mode ~= 'setup') then
  io.stderr:write('usage: nvim --headless --clean -l e2e.lua BINARY enable|setup\n')
  os.exit(2)
end
binary = vim.fn.fnamemodify(binary, ':p')

local uv = vim.uv or vim.loop
local script = debug.getinfo(1, 'S').source:sub(2)
local plugin_dir = vim.fn.fnamemodify(script, ':p:h:h')
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('filetype on')
vim.cmd('runtime plugin/go-analyzer.lua')

local ERROR_TEXT = 'cannot use "three" (untyped string constant) as int value in variable declaration'
local BAD_LINE = '\tvar count int = "three"'
local GOOD_LINE = '\tvar count int = 3'
local started = uv.hrtime()

local function say(msg)
  io.stdout:write(('[nvim e2e %s %.1fs] %s\n'):format(mode, (uv.hrtime() - started) / 1e9, msg))
  io.stdout:flush()
end

-- Every notification is kept (the tests read them) and shown.
local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, msg)
  say(('notify(%s): %s'):format(level or '-', msg))
end

local results = { passed = 0, failed = 0 }

local function finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  io.stdout:write(
    ('nvim-e2e-%s: %d passed, %d failed\n'):format(mode, results.passed, results.failed)
  )
  io.stdout:flush()
  os.exit(results.failed == 0 and 0 or 1)
end

-- A check that fails ends the run: the later ones build on it.
local function check(name, body)
  local t0 = uv.hrtime()
  local ok, err = xpcall(body, debug.traceback)
  if ok then
    results.passed = results.passed + 1
    say(('ok   %s (%d ms)'):format(name, (uv.hrtime() - t0) / 1e6))
  else
    results.failed = results.failed + 1
    say(('FAIL %s: %s'):format(name, err))
    finish()
  end
end

local function wait_for(what, timeout_ms, cond)
  local value
  local ok = vim.wait(timeout_ms, function()
    value = cond()
    return value ~= nil and value ~= false
  end, 50)
  if not ok then
    error(('timed out after %d ms waiting for %s'):format(timeout_ms, what), 2)
  end
  return value
end

local function expect(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

local function write(path, text)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

local root = vim.fn.resolve(vim.fn.tempname())
local ws = root .. '/hello'
local main_go = ws .. '/main.go'
write(ws .. '/go.mod', 'module example.com/hello\n\ngo 1.22\n')
write(main_go, ('package main\n\nimport "fmt"\n\nfunc main() {\n%s\n\tfmt.Println(count)\n}\n'):format(BAD_LINE))

local ga = require('go-analyzer')
local user_settings = { build = { tags = { 'e2e' } }, analyses = { shadow = true } }

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = ga.name })[1]
end

local function server_pids()
  local out = {}
  for _, pid in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
    local proc = vim.api.nvim_get_proc(pid)
    if proc and proc.name == 'go-analyzer' then
      table.insert(out, pid)
    end
  end
  return out
end

local function errors_with(buf, text)
  local hits = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message == text then
      table.insert(hits, d)
    end
  end
  return #hits > 0 and hits or nil
end

check('root detection: go.work over go.mod over .git over the directory', function()
  write(root .. '/work/go.work', 'go 1.22\n\nuse ./a\n')
  write(root .. '/work/a/go.mod', 'module example.com/a\n')
  write(root .. '/work/a/sub/x.go', 'package sub\n')
  write(root .. '/repo/.git/HEAD', 'ref: refs/heads/main\n')
  write(root .. '/repo/pkg/y.go', 'package pkg\n')
  write(root .. '/loose/z.go', 'package z\n')
  expect(ga.root_dir(root .. '/work/a/sub/x.go') == root .. '/work', 'go.work')
  expect(ga.root_dir(main_go) == ws, 'go.mod')
  expect(ga.root_dir(root .. '/repo/pkg/y.go') == root .. '/repo', '.git')
  expect(ga.root_dir(root .. '/loose/z.go') == root .. '/loose', 'directory')
end)

check('restart delays grow and are capped', function()
  expect(ga.restart_delay(1) == 1000 and ga.restart_delay(2) == 2000 and ga.restart_delay(3) == 4000, 'doubling')
  expect(ga.restart_delay(20) == ga.backoff.max_ms, 'cap')
end)

local buf
if mode == 'enable' then
  check('vim.lsp.enable starts the server for a Go file', function()
    expect(vim.fn.has('nvim-0.11') == 1, 'vim.lsp.enable needs Neovim 0.11+')
    vim.lsp.config(ga.name, { cmd = { binary, 'lsp' }, settings = { ['go-analyzer'] = user_settings } })
    vim.lsp.enable(ga.name)
    vim.cmd.edit(main_go)
    buf = vim.api.nvim_get_current_buf()
    expect(vim.bo[buf].filetype == 'go', 'filetype ' .. vim.bo[buf].filetype)
    wait_for('the client to attach', 20000, function()
      return client_for(buf)
    end)
  end)
else
  check('setup() with a missing binary says so and starts nothing', function()
    ga.setup({ cmd = { root .. '/nowhere/go-analyzer', 'lsp' }, settings = user_settings })
    vim.cmd.edit(main_go)
    buf = vim.api.nvim_get_current_buf()
    wait_for('a notification naming the missing binary', 5000, function()
      for _, n in ipairs(notes) do
        if n:find('nowhere/go%-analyzer does not exist') then
          return true
        end
      end
    end)
    vim.wait(500)
    expect(client_for(buf) == nil, 'a client started without a binary')
  end)
  check('setup() with the binary fixed starts the server without restarting Neovim', function()
    ga.setup({ cmd = { binary, 'lsp' }, settings = user_settings })
    wait_for('the client to attach', 20000, function()
      return client_for(buf)
    end)
  end)
end

local client = client_for(buf)

check('the client runs the given binary at the workspace root with the settings', function()
  expect(client.config.cmd[1] == binary, 'cmd ' .. vim.inspect(client.config.cmd))
  expect(client.config.root_dir == ws, 'root_dir ' .. tostring(client.config.root_dir))
  local s = client.config.settings['go-analyzer']
  expect(s and vim.deep_equal(s.build.tags, { 'e2e' }) and s.analyses.shadow == true, vim.inspect(s))
  local init = client.config.init_options
  expect(init and vim.deep_equal(init.build.tags, { 'e2e' }) and init.logLevel == 'info', vim.inspect(init))
  wait_for('initialize to finish', 20000, function()
    return client.initialized
  end)
  expect(client.server_info and client.server_info.name == 'go-analyzer', vim.inspect(client.server_info))
end)

check('the type error arrives as a diagnostic', function()
  local d = wait_for('the diagnostic', 20000, function()
    return errors_with(buf, ERROR_TEXT)
  end)[1]
  expect(d.lnum == 5 and d.col == 17, ('at %d:%d'):format(d.lnum, d.col))
  expect(d.severity == vim.diagnostic.severity.ERROR, 'severity ' .. tostring(d.severity))
  expect(#vim.diagnostic.get(buf) == 1, vim.inspect(vim.diagnostic.get(buf)))
end)

-- The IDE features the tests exercise; a server that does not advertise one fails its check.
local caps = client.server_capabilities or {}
local function request(method, params)
  local res = client:request_sync(method, params, 10000, buf)
  expect(res and not res.err, method .. ' failed: ' .. vim.inspect(res))
  return res.result
end
local doc = { uri = vim.uri_from_bufnr(buf) }

if caps.hoverProvider then
  check('hover on `count` shows its type', function()
    local r = request('textDocument/hover', { textDocument = doc, position = { line = 6, character = 14 } })
    local text = r and (type(r.contents) == 'table' and (r.contents.value or vim.inspect(r.contents)) or r.contents)
    expect(text and text:find('var count int', 1, true), 'hover: ' .. vim.inspect(r))
  end)
else
  check('the server advertises hoverProvider', function()
    error('the server does not advertise hoverProvider')
  end)
end
if caps.completionProvider then
  check('completion after `fmt.` offers Println', function()
    local r = request('textDocument/completion', { textDocument = doc, position = { line = 6, character = 5 } })
    local items = r and (r.items or r) or {}
    local labels = vim.tbl_map(function(i)
      return i.label
    end, items)
    expect(vim.tbl_contains(labels, 'Println'), 'labels: ' .. table.concat(labels, ', '))
  end)
else
  check('the server advertises completionProvider', function()
    error('the server does not advertise completionProvider')
  end)
end
if caps.definitionProvider then
  check('definition of `count` is its declaration', function()
    local r = request('textDocument/definition', { textDocument = doc, position = { line = 6, character = 14 } })
    local loc = r and (r[1] or r)
    local range = loc and (loc.range or loc.targetSelectionRange)
    expect(range and range.start.line == 5, 'definition: ' .. vim.inspect(r))
  end)
else
  check('the server advertises definitionProvider', function()
    error('the server does not advertise definitionProvider')
  end)
end

check('fixing the line through an edit clears the diagnostic', function()
  vim.api.nvim_buf_set_lines(buf, 5, 6, false, { GOOD_LINE })
  wait_for('the diagnostics to clear', 20000, function()
    return #vim.diagnostic.get(buf) == 0
  end)
end)

check(':checkhealth go-analyzer reports the binary, its version and the Go toolchain', function()
  vim.cmd('checkhealth go-analyzer')
  local lines = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  vim.api.nvim_set_current_buf(buf)
  for _, want in ipairs({ 'OK server binary: ' .. vim.pesc(binary), 'OK version: go%-analyzer %d', 'OK Go toolchain: go version', 'OK client %d+ running for ' .. vim.pesc(ws) }) do
    expect(lines:find(want), ('no %q in:\n%s'):format(want, lines))
  end
  expect(not lines:find('ERROR'), 'errors in:\n' .. lines)
end)

check('a killed server is restarted and serves again', function()
  local pids = server_pids()
  expect(#pids == 1, 'server processes: ' .. vim.inspect(pids))
  local old_id = client.id
  uv.kill(pids[1], 'sigkill')
  say('killed the server, pid ' .. pids[1])
  wait_for('the restart notification', 10000, function()
    for _, n in ipairs(notes) do
      if n:find('server stopped %(exit code %d+, signal 9%); restarting it in 1s') then
        return true
      end
    end
  end)
  client = wait_for('a new client', 20000, function()
    local c = client_for(buf)
    return c and c.id ~= old_id and c.initialized and c
  end)
  vim.api.nvim_buf_set_lines(buf, 5, 6, false, { BAD_LINE })
  wait_for('the diagnostic from the new server', 20000, function()
    return errors_with(buf, ERROR_TEXT)
  end)
end)

check(':GoAnalyzerRestart starts a fresh server', function()
  local old_id = client.id
  vim.cmd('GoAnalyzerRestart')
  client = wait_for('a new client', 20000, function()
    local c = client_for(buf)
    return c and c.id ~= old_id and c.initialized and c
  end)
  wait_for('the diagnostic again', 20000, function()
    return errors_with(buf, ERROR_TEXT)
  end)
  -- A clean stop is not a crash: nothing was restarted behind our back.
  expect(#server_pids() == 1, 'server processes: ' .. vim.inspect(server_pids()))
end)

check('a Go file outside any module is served with its directory as the root', function()
  local loose = root .. '/loose/z.go'
  write(loose, 'package z\n\nfunc f() {\n\tvar n int = "s"\n\t_ = n\n}\n')
  vim.cmd.edit(loose)
  local b = vim.api.nvim_get_current_buf()
  local c = wait_for('a client for the loose file', 20000, function()
    return client_for(b)
  end)
  expect(c.config.root_dir == root .. '/loose', 'root_dir ' .. tostring(c.config.root_dir))
  wait_for('its type error', 20000, function()
    return errors_with(b, 'cannot use "s" (untyped string constant) as int value in variable declaration')
  end)
end)

check('a non-Go file gets no client', function()
  write(ws .. '/notes.txt', 'hello\n')
  vim.cmd.edit(ws .. '/notes.txt')
  vim.wait(300)
  expect(#vim.lsp.get_clients({ bufnr = 0 }) == 0, 'a client attached to notes.txt')
end)

vim.fn.delete(root, 'rf')
finish()
