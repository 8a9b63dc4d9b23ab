-- go-analyzer for Neovim's built-in LSP client: the server configuration shared by
-- `lsp/go_analyzer.lua` (Neovim 0.11+, `vim.lsp.enable('go_analyzer')`) and `setup()` (which
-- starts the client with `vim.lsp.start`, for Neovim 0.8-0.10 or for users who prefer a call),
-- root detection, binary lookup, and restarting a server that died, with backoff.

local M = {}

M.name = 'go_analyzer'

--- Settings sent to the server, as `initializationOptions` and in `workspace/didChangeConfiguration`
--- under the `go-analyzer` key. The same shape as the VS Code extension's settings.
M.default_settings = {
  analyses = {},
  build = { tags = {}, env = {} },
  inlayHints = { enable = true, parameterNames = true, variableTypes = false, constantValues = false },
  semanticTokens = { enable = true },
  logLevel = 'info',
}

local uv = vim.uv or vim.loop

local function notify(msg, level)
  vim.schedule(function()
    vim.notify('go-analyzer: ' .. msg, level)
  end)
end

-- Messages already shown, so a missing binary is not reported on every Go buffer.
local shown = {}
local function notify_once(msg, level)
  if not shown[msg] then
    shown[msg] = true
    notify(msg, level)
  end
end

local function is_executable(path)
  return path ~= nil and path ~= '' and vim.fn.executable(path) == 1
end

--- The server command: `cmd[1]` resolved to an absolute path when it can be found, with what is
--- wrong if it cannot. `cmd` defaults to `{ 'go-analyzer', 'lsp' }`.
---@param cmd? string[]
---@return string[] cmd, string? problem
function M.resolve_cmd(cmd)
  cmd = vim.deepcopy(cmd or { 'go-analyzer', 'lsp' })
  local bin = vim.fn.expand(cmd[1])
  if bin:find('/', 1, true) then
    local stat = uv.fs_stat(bin)
    if not stat then
      return cmd, ('%s does not exist. Install go-analyzer or fix the cmd in your configuration.'):format(bin)
    elseif stat.type == 'directory' then
      return cmd, ('%s is a directory; cmd must name the go-analyzer binary.'):format(bin)
    elseif not is_executable(bin) then
      return cmd, ('%s is not executable (chmod +x it).'):format(bin)
    end
    cmd[1] = bin
    return cmd, nil
  end
  local found = vim.fn.exepath(bin)
  if found == '' then
    -- Keep the bare name: once it is installed on PATH the next start finds it.
    return cmd,
      ('%s is not on PATH. Install it (cargo install --path crates/go-analyzer in a go-analyzer checkout) or set cmd to its path.'):format(
        bin
      )
  end
  cmd[1] = found
  return cmd, nil
end

local function find_up(names, start)
  if vim.fs.find == nil then
    return nil
  end
  local found = vim.fs.find(names, { upward = true, path = start, limit = 1 })[1]
  return found and vim.fs.dirname(found) or nil
end

--- The workspace root for a file: the nearest go.work's directory (a multi-module workspace),
--- else the nearest go.mod's, else the repository's (.git), else the file's own directory (a
--- loose file still gets syntax and type errors).
---@param fname string
---@return string
function M.root_dir(fname)
  local dir = vim.fs.dirname(vim.fs.normalize(fname))
  return find_up({ 'go.work' }, dir) or find_up({ 'go.mod' }, dir) or find_up({ '.git' }, dir) or dir
end

-- Crash bookkeeping per root: how many crashes in a row, when the server last started.
local crashes = {}
M.backoff = { initial_ms = 1000, max_ms = 30000, stable_ms = 60000 }

--- Milliseconds to wait before restarting the server of `root` after its `n`-th crash in a row.
function M.restart_delay(n)
  return math.min(M.backoff.max_ms, M.backoff.initial_ms * 2 ^ (n - 1))
end

local function go_buffers(root)
  local out = {}
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if
      vim.api.nvim_buf_is_loaded(buf)
      and vim.bo[buf].filetype == 'go'
      and vim.api.nvim_buf_get_name(buf) ~= ''
      and M.root_dir(vim.api.nvim_buf_get_name(buf)) == root
    then
      table.insert(out, buf)
    end
  end
  return out
end

-- Clients stopped on purpose (`:GoAnalyzerRestart`, `vim.lsp.stop_client`) exit with code 0 or
-- SIGTERM; anything else is a crash.
local function crashed(code, signal)
  return code ~= 0 or (signal ~= 0 and signal ~= 15)
end

--- The `on_exit` handler: restarts a crashed server for the buffers it served, after a delay
--- that grows while it keeps crashing.
---@param start fun(bufnr: integer) starts (or attaches) the server for a buffer
function M.on_exit_handler(start)
  return function(code, signal, client_id)
    if not crashed(code, signal) then
      return
    end
    -- Read now: Neovim forgets the client on its next loop iteration.
    local client = vim.lsp.get_client_by_id(client_id)
    local root = client and client.config.root_dir
    if root == nil then
      return
    end
    vim.schedule(function()
      local state = crashes[root] or { n = 0 }
      if state.started and uv.now() - state.started >= M.backoff.stable_ms then
        state.n = 0
      end
      state.n = state.n + 1
      state.started = nil
      crashes[root] = state
      local delay = M.restart_delay(state.n)
      notify(
        ('the server stopped (exit code %d, signal %d); restarting it in %gs.'):format(code, signal, delay / 1000),
        vim.log.levels.WARN
      )
      vim.defer_fn(function()
        for _, buf in ipairs(go_buffers(root)) do
          start(buf)
        end
      end, delay)
    end)
  end
end

local function on_init(client)
  local root = client.config.root_dir
  if root then
    crashes[root] = crashes[root] or { n = 0 }
    crashes[root].started = uv.now()
  end
end

-- The settings as `initializationOptions`, taken when the client starts: under
-- `vim.lsp.enable` the user's `vim.lsp.config` settings are merged after this plugin's file is
-- read, so they are only known here. An explicit `init_options` is left alone.
local function before_init(params, config)
  if config.init_options == nil then
    local settings = (config.settings or {})['go-analyzer']
    params.initializationOptions = settings
    config.init_options = settings
  end
end

--- The client configuration for `vim.lsp.start` / `vim.lsp.config`. `cmd` is left as given
--- (default `{ 'go-analyzer', 'lsp' }`): `start()` resolves it, and under `vim.lsp.enable` the
--- user's `vim.lsp.config` override applies after this file is read.
---@param opts? { cmd?: string[], settings?: table, root_dir?: string|function, on_exit?: function }
function M.config(opts)
  opts = opts or {}
  local settings = vim.tbl_deep_extend('force', vim.deepcopy(M.default_settings), opts.settings or {})
  return {
    name = M.name,
    cmd = vim.deepcopy(opts.cmd or { 'go-analyzer', 'lsp' }),
    filetypes = { 'go' },
    root_dir = opts.root_dir,
    settings = { ['go-analyzer'] = settings },
    before_init = before_init,
    on_init = on_init,
    on_exit = opts.on_exit,
  }
end

local setup_opts

--- Starts (or attaches) the server for one buffer with the `setup()` options.
function M.start(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local config = M.config(setup_opts)
  local cmd, problem = M.resolve_cmd(config.cmd)
  if problem then
    -- Told once; the next Go buffer (or :GoAnalyzerRestart) tries again, so installing the
    -- binary or fixing cmd with another setup() call recovers without restarting Neovim.
    notify_once(problem, vim.log.levels.ERROR)
    return
  end
  config.cmd = cmd
  config.root_dir = M.root_dir(name)
  config.on_exit = M.on_exit_handler(M.start)
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- For Neovim before 0.11, or instead of `vim.lsp.enable`: starts the server for Go buffers.
--- Calling it again replaces the options (a fixed `cmd` takes effect on the next Go buffer, or
--- on `:GoAnalyzerRestart`).
---@param opts? { cmd?: string[], settings?: table }
function M.setup(opts)
  if vim.fn.has('nvim-0.8') ~= 1 then
    vim.notify('go-analyzer: Neovim 0.8 or newer is required (vim.lsp.start).', vim.log.levels.ERROR)
    return
  end
  setup_opts = opts or {}
  shown = {}
  local group = vim.api.nvim_create_augroup('go-analyzer', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'go',
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'go' then
      M.start(buf)
    end
  end
end

--- Whether `setup()` is in use (else the `vim.lsp.enable` configuration is).
function M.uses_setup()
  return setup_opts ~= nil
end

--- Stops every go-analyzer client and starts them again for the open Go buffers.
function M.restart()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(get({ name = M.name })) do
    if vim.fn.has('nvim-0.11') == 1 then
      client:stop()
    else
      client.stop()
    end
  end
  shown = {}
  crashes = {}
  vim.defer_fn(function()
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'go' then
        if M.uses_setup() then
          M.start(buf)
        elseif vim.lsp.enable then
          -- Re-runs the enable autocommand for the buffer, which starts the client.
          pcall(vim.api.nvim_exec_autocmds, 'FileType', { buffer = buf, modeline = false, group = 'nvim.lsp.enable' })
        end
      end
    end
  end, 500)
end

return M
