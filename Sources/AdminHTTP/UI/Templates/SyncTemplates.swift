extension UITemplates {
    static let sync = """
    {{#failure}}<p class="error" role="alert" id="action-error">{{failure}}</p>{{/failure}}
    <p class="help">A remote IMAP account copied into a local user: every folder with flags, dates and subscriptions,
    incremental (a run copies only what is new and duplicates nothing). The same jobs as <code>postino sync list</code>;
    a running job's figures follow here live.</p>
    <div class="table-wrap"><table id="sync-table">
      <thead><tr><th scope="col">Local user</th><th scope="col">Remote account</th><th scope="col">Last run</th><th scope="col">Actions</th></tr></thead>
      <tbody>{{#jobs}}<tr data-user="{{local_user}}"><td><a href="{{href}}">{{local_user}}</a>{{^enabled}} <span class="badge off">off</span>{{/enabled}}</td>
      <td>{{remote}}{{#options}}<br><span class="muted">{{options}}</span>{{/options}}</td>
      <td>{{> sync-run}}</td>
      <td class="actions">{{> sync-actions}}
        <form method="post" action="{{href}}/delete" data-confirm="Remove the sync job of {{local_user}}? Copied mail stays.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" aria-label="Remove the job of {{local_user}}">Remove</button></form></td></tr>{{/jobs}}
      {{^jobs}}<tr><td colspan="4" class="muted">No synchronization job.</td></tr>{{/jobs}}</tbody>
    </table></div>
    <form method="post" action="/sync" class="card" id="add-sync">
      <h2>Add a synchronization job</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{> sync-fields}}
      <div><button type="submit">Add job</button></div>
    </form>
    """

    static let syncJob = """
    <p class="actions"><a href="/sync">← All synchronization jobs</a></p>
    {{#failure}}<p class="error" role="alert" id="action-error">{{failure}}</p>{{/failure}}
    {{#job}}<section class="card" id="sync-status"><h2>Last run</h2>
      {{> sync-run}}
      <div class="actions">{{> sync-actions}}</div>
    </section>{{/job}}
    <form method="post" action="{{href}}" class="card" id="edit-sync">
      <h2>Settings</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{> sync-fields}}
      <p class="help">Another host or remote user starts afresh: the job forgets what it copied (messages already here are
      recognised and linked, not copied again).</p>
      <div><button type="submit">Save</button></div>
    </form>
    {{#job}}<form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the sync job of {{local_user}}? Copied mail stays.">
      <h2>Remove</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p class="help">The job and what it remembers are forgotten; the copied mail stays.</p>
      <button type="submit" class="danger">Remove the job of {{local_user}}</button>
    </form>{{/job}}
    """

    /// A job's last run. While it runs, the script polls `data-source` (the job's REST row)
    /// and writes each `data-field` from the key of that name.
    static let syncRun = """
    <div class="sync-run" data-source="{{source}}" data-state="{{state}}">
    {{#run}}<strong data-field="state">{{state}}</strong> <span class="muted">started {{started}}</span><br>
      folders <span data-field="folders_done">{{folders_done}}</span>/<span data-field="folders_total">{{folders_total}}</span>
      <progress max="100" value="{{percent}}" aria-label="messages handled">{{percent}}%</progress><br>
      <span data-field="copied">{{copied}}</span> copied, <span data-field="skipped">{{skipped}}</span> skipped,
      <span data-field="failed">{{failed}}</span> failed of <span data-field="messages_total">{{messages_total}}</span>
      <span class="muted">(<span data-field="messages_per_second">{{messages_per_second}}</span> msg/s<span class="while-running">,
      ETA <span data-field="eta_seconds">{{eta_seconds}}</span> s</span>)</span>
      <br><span class="field-error" data-field="error">{{error}}</span>{{/run}}
    {{^run}}<span class="muted">never run</span>{{/run}}
    </div>
    """

    static let syncActions = """
    <form method="post" action="{{href}}/run"><input type="hidden" name="csrf" value="{{csrf}}">{{#editing}}<input type="hidden" name="back" value="job">{{/editing}}
      <button type="submit" aria-label="Run the job of {{local_user}} now">Run now</button></form>
    <form method="post" action="{{href}}/enabled"><input type="hidden" name="csrf" value="{{csrf}}">{{#editing}}<input type="hidden" name="back" value="job">{{/editing}}
      {{#enabled}}<button type="submit" class="secondary" aria-label="Switch the job of {{local_user}} off">Switch off</button>{{/enabled}}
      {{^enabled}}<input type="hidden" name="enabled" value="on"><button type="submit" class="secondary" aria-label="Switch the job of {{local_user}} on">Switch on</button>{{/enabled}}</form>
    """

    /// Every option of `postino sync add` (the add form and the edit form).
    static let syncFields = """
    {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
    {{^editing}}<label for="s-local-user">Local user (the mail is copied into it)</label>
    <select id="s-local-user" name="local_user" required
            {{#errors.local_user}}aria-invalid="true" aria-describedby="s-local-user-error"{{/errors.local_user}}>
      {{#users}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/users}}</select>
    {{#errors.local_user}}<p class="field-error" id="s-local-user-error">{{errors.local_user}}</p>{{/errors.local_user}}
    {{^users}}<p class="help">Add a local user first (Mailboxes).</p>{{/users}}{{/editing}}
    <fieldset><legend>Remote IMAP server</legend>
      <label for="s-host">Host</label>
      <input id="s-host" name="host" required placeholder="imap.old.example" value="{{v.host}}"
             {{#errors.host}}aria-invalid="true" aria-describedby="s-host-error"{{/errors.host}}>
      {{#errors.host}}<p class="field-error" id="s-host-error">{{errors.host}}</p>{{/errors.host}}
      <label for="s-tls">TLS</label>
      <select id="s-tls" name="tls">{{#tlsModes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/tlsModes}}</select>
      {{#errors.tls}}<p class="field-error" id="s-tls-error">{{errors.tls}}</p>{{/errors.tls}}
      <label for="s-port">Port (empty: the usual one of the TLS mode{{#v.usualPort}}, {{v.usualPort}}{{/v.usualPort}})</label>
      <input id="s-port" name="port" inputmode="numeric" value="{{v.port}}"
             {{#errors.port}}aria-invalid="true" aria-describedby="s-port-error"{{/errors.port}}>
      {{#errors.port}}<p class="field-error" id="s-port-error">{{errors.port}}</p>{{/errors.port}}
      <label class="inline check"><input type="checkbox" id="s-tls-verify" name="tls_verify" value="on"{{#v.tls_verify}} checked{{/v.tls_verify}}>
        Verify the server's certificate (off for a self-signed server)</label>
      <label for="s-user">Remote login (the account copied)</label>
      <input id="s-user" name="user" required autocomplete="off" value="{{v.user}}"
             {{#errors.user}}aria-invalid="true" aria-describedby="s-user-error"{{/errors.user}}>
      {{#errors.user}}<p class="field-error" id="s-user-error">{{errors.user}}</p>{{/errors.user}}
    </fieldset>
    <fieldset><legend>Log in with</legend>
      <label class="inline"><input type="radio" id="s-login-password" name="login" value="password"{{^v.adminLogin}} checked{{/v.adminLogin}}>
        the remote user's password</label>
      <label for="s-password">Password{{#editing}} (empty: unchanged){{/editing}}</label>
      <input id="s-password" name="password" type="password" autocomplete="new-password"
             {{#errors.password}}aria-invalid="true" aria-describedby="s-password-error"{{/errors.password}}>
      {{#errors.password}}<p class="field-error" id="s-password-error">{{errors.password}}</p>{{/errors.password}}
      <label class="inline"><input type="radio" id="s-login-admin" name="login" value="admin"{{#v.adminLogin}} checked{{/v.adminLogin}}>
        a remote administrator (master user) logging in as the remote user</label>
      <label for="s-admin-user">Administrator login</label>
      <input id="s-admin-user" name="admin_user" autocomplete="off" value="{{v.admin_user}}"
             {{#errors.admin_user}}aria-invalid="true" aria-describedby="s-admin-user-error"{{/errors.admin_user}}>
      {{#errors.admin_user}}<p class="field-error" id="s-admin-user-error">{{errors.admin_user}}</p>{{/errors.admin_user}}
      <label for="s-admin-password">Administrator password{{#editing}} (empty: unchanged){{/editing}}</label>
      <input id="s-admin-password" name="admin_password" type="password" autocomplete="new-password"
             {{#errors.admin_password}}aria-invalid="true" aria-describedby="s-admin-password-error"{{/errors.admin_password}}>
      {{#errors.admin_password}}<p class="field-error" id="s-admin-password-error">{{errors.admin_password}}</p>{{/errors.admin_password}}
      <label for="s-admin-separator">Separator (Dovecot's user*admin: <code>*</code>; empty: SASL PLAIN authorization identity)</label>
      <input id="s-admin-separator" name="admin_separator" value="{{v.admin_separator}}">
      <p class="help">Passwords are stored to be sent to the server and never shown again.</p>
    </fieldset>
    <fieldset><legend>What is copied</legend>
      <label for="s-include">Only folders matching (one pattern a line, <code>*</code> and <code>?</code>, on the remote name
      with <code>/</code>; empty: every folder)</label>
      <textarea id="s-include" name="include" rows="3">{{v.include}}</textarea>
      <label for="s-exclude">Except folders matching</label>
      <textarea id="s-exclude" name="exclude" rows="3">{{v.exclude}}</textarea>
      <label class="inline check"><input type="checkbox" id="s-delete-local-missing" name="delete_local_missing" value="on"{{#v.delete_local_missing}} checked{{/v.delete_local_missing}}>
        Remove local copies of messages the remote no longer has (only what this job copied)</label>
      <label class="inline check"><input type="checkbox" id="s-expunge-remote" name="expunge_remote" value="on"{{#v.expunge_remote}} checked{{/v.expunge_remote}}>
        Delete remote messages once they are stored here</label>
    </fieldset>
    """
}
