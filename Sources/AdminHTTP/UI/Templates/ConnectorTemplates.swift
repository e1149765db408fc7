extension UITemplates {
    static let connectors = """
    {{#result}}{{> connector-result}}{{/result}}
    <p class="help">External POP3/IMAP accounts fetched on a schedule into local users, through the same filters as
    other mail (never twice; remote copies deleted only once stored here). The same accounts as
    <code>postino connector list</code>.</p>
    <div class="table-wrap"><table id="connectors-table">
      <thead><tr><th scope="col">Account</th><th scope="col">Server</th><th scope="col">Delivers to</th><th scope="col">Last run</th>
      <th scope="col">Fetched</th><th scope="col">Actions</th></tr></thead>
      <tbody>{{#connectors}}<tr data-account="{{email}}"><td><a href="{{href}}">{{email}}</a>{{^enabled}} <span class="badge off">off</span>{{/enabled}}<br>
      <span class="muted">login {{user}}, every {{every}}, remote copy: {{remote}}{{#folder}}, folder {{folder}}{{/folder}}{{#filters}}, {{filters}}{{/filters}}</span></td>
      <td>{{server}}</td><td>{{deliverTo}}</td>
      <td>{{lastRun}}{{^lastRun}}<span class="muted">never</span>{{/lastRun}}{{#lastError}}<br><span class="badge bad">error</span> <span class="muted">{{lastError}}</span>{{/lastError}}</td>
      <td>{{fetched}}{{#lastRun}} <span class="muted">({{fetchedLast}} last run)</span>{{/lastRun}}</td>
      <td class="actions">
        <form method="post" action="{{href}}/run"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="list">
        <button type="submit" aria-label="Fetch {{email}} now">Fetch now</button></form>
        <form method="post" action="{{href}}/check"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="list">
        <button type="submit" class="secondary" aria-label="Check {{email}}">Check</button></form>
        <form method="post" action="{{href}}/enabled"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="back" value="list">
        {{#enabled}}<button type="submit" class="secondary" aria-label="Switch {{email}} off">Switch off</button>{{/enabled}}
        {{^enabled}}<input type="hidden" name="enabled" value="on"><button type="submit" class="secondary" aria-label="Switch {{email}} on">Switch on</button>{{/enabled}}</form>
        <form method="post" action="{{href}}/delete" data-confirm="Remove the connector {{email}}? Mail already fetched stays.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger" aria-label="Remove {{email}}">Remove</button></form></td></tr>{{/connectors}}
      {{^connectors}}<tr><td colspan="6" class="muted">No connector.</td></tr>{{/connectors}}</tbody>
    </table></div>
    <form method="post" action="/connectors" class="card" id="add-connector">
      <h2>Add a connector</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#noUsers}}<p class="help">Add a local user first (Mailboxes): the fetched mail is delivered to one.</p>{{/noUsers}}
      {{> connector-fields}}
      <div><button type="submit">Add and check</button></div>
    </form>
    """

    static let connector = """
    <p class="actions"><a href="/connectors">← All connectors</a></p>
    {{#result}}{{> connector-result}}{{/result}}
    {{#account}}<section class="card" id="connector-status"><h2>Status</h2>
      <p>{{#enabled}}<span class="badge on">on</span> fetched every {{every}}{{/enabled}}{{^enabled}}<span class="badge off">off</span> not fetched on a schedule{{/enabled}}.
      Last run: {{lastRun}}{{^lastRun}}never{{/lastRun}}; {{fetched}} messages fetched in all.
      {{#lastError}}<br><span class="badge bad">error</span> {{lastError}}{{/lastError}}</p>
      <div class="actions">
        <form method="post" action="{{href}}/run"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Fetch now</button></form>
        <form method="post" action="{{href}}/check"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">Check</button></form>
        <form method="post" action="{{href}}/enabled"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#enabled}}<button type="submit" class="secondary">Switch off</button>{{/enabled}}
        {{^enabled}}<input type="hidden" name="enabled" value="on"><button type="submit" class="secondary">Switch on</button>{{/enabled}}</form>
      </div>
    </section>{{/account}}
    <form method="post" action="{{href}}" class="card" id="edit-connector">
      <h2>Settings</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{> connector-fields}}
      <div><button type="submit">Save and check</button></div>
    </form>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the connector {{v.email}}? Mail already fetched stays.">
      <h2>Remove</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p class="help">The account is no longer fetched; mail already fetched stays, nothing changes on the remote server.</p>
      <button type="submit" class="danger">Remove {{v.email}}</button>
    </form>
    """

    /// The outcome of a check or a fetch, with the failure's kind (`data-kind`) and a hint.
    static let connectorResult = """
    <div id="connector-result" class="{{#ok}}notice{{/ok}}{{^ok}}error{{/ok}}" role="status" data-outcome="{{kind}}">
      <strong>{{action}} of {{account}}:</strong> {{#ok}}{{detail}}.{{/ok}}
      {{^ok}}failed, <strong class="failure-kind">{{kind}}</strong>{{#hint}} — {{hint}}{{/hint}}.<br><span class="muted">{{detail}}</span>{{/ok}}
    </div>
    """

    /// Every option of `postino connector add` (the add form and the edit form).
    static let connectorFields = """
    {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
    {{^editing}}<label for="c-email">Account (the remote address, its name here)</label>
    <input id="c-email" name="email" required placeholder="bob@old-isp.example" value="{{v.email}}"
           {{#errors.email}}aria-invalid="true" aria-describedby="c-email-error"{{/errors.email}}>
    {{#errors.email}}<p class="field-error" id="c-email-error">{{errors.email}}</p>{{/errors.email}}{{/editing}}
    <fieldset><legend>Remote server</legend>
      <label for="c-protocol">Protocol</label>
      <select id="c-protocol" name="protocol">{{#protocols}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/protocols}}</select>
      {{#errors.protocol}}<p class="field-error" id="c-protocol-error">{{errors.protocol}}</p>{{/errors.protocol}}
      <label for="c-host">Host</label>
      <input id="c-host" name="host" required placeholder="imap.old-isp.example" value="{{v.host}}"
             {{#errors.host}}aria-invalid="true" aria-describedby="c-host-error"{{/errors.host}}>
      {{#errors.host}}<p class="field-error" id="c-host-error">{{errors.host}}</p>{{/errors.host}}
      <label for="c-tls">TLS</label>
      <select id="c-tls" name="tls">{{#tlsModes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/tlsModes}}</select>
      {{#errors.tls}}<p class="field-error" id="c-tls-error">{{errors.tls}}</p>{{/errors.tls}}
      <label for="c-port">Port (empty: the usual one of the protocol and TLS mode{{#v.usualPort}}, {{v.usualPort}}{{/v.usualPort}})</label>
      <input id="c-port" name="port" inputmode="numeric" value="{{v.port}}"
             {{#errors.port}}aria-invalid="true" aria-describedby="c-port-error"{{/errors.port}}>
      {{#errors.port}}<p class="field-error" id="c-port-error">{{errors.port}}</p>{{/errors.port}}
      <label class="inline check"><input type="checkbox" id="c-tls-verify" name="tls_verify" value="on"{{#v.tls_verify}} checked{{/v.tls_verify}}>
        Verify the server's certificate (off for a self-signed server)</label>
      <label for="c-user">Login</label>
      <input id="c-user" name="user" required autocomplete="off" value="{{v.user}}"
             {{#errors.user}}aria-invalid="true" aria-describedby="c-user-error"{{/errors.user}}>
      {{#errors.user}}<p class="field-error" id="c-user-error">{{errors.user}}</p>{{/errors.user}}
      <label for="c-password">Password{{#editing}} (empty: unchanged){{/editing}}</label>
      <input id="c-password" name="password" type="password" autocomplete="new-password"{{^editing}} required{{/editing}}
             {{#errors.password}}aria-invalid="true" aria-describedby="c-password-error"{{/errors.password}}>
      {{#errors.password}}<p class="field-error" id="c-password-error">{{errors.password}}</p>{{/errors.password}}
      <p class="help">Stored to be sent to the server; never shown again.</p>
      <label for="c-folder">Folder (IMAP)</label>
      <input id="c-folder" name="folder" placeholder="INBOX" value="{{v.folder}}"
             {{#errors.folder}}aria-invalid="true" aria-describedby="c-folder-error"{{/errors.folder}}>
      {{#errors.folder}}<p class="field-error" id="c-folder-error">{{errors.folder}}</p>{{/errors.folder}}
    </fieldset>
    <fieldset><legend>Here</legend>
      <label for="c-deliver-to">Deliver to the local user</label>
      <select id="c-deliver-to" name="deliver_to" required
              {{#errors.deliver_to}}aria-invalid="true" aria-describedby="c-deliver-to-error"{{/errors.deliver_to}}>
        {{#users}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/users}}</select>
      {{#errors.deliver_to}}<p class="field-error" id="c-deliver-to-error">{{errors.deliver_to}}</p>{{/errors.deliver_to}}
      <label for="c-interval">Fetch every (minutes)</label>
      <input id="c-interval" name="interval" inputmode="numeric" value="{{v.interval}}"
             {{#errors.interval}}aria-invalid="true" aria-describedby="c-interval-error"{{/errors.interval}}>
      {{#errors.interval}}<p class="field-error" id="c-interval-error">{{errors.interval}}</p>{{/errors.interval}}
      <label for="c-remote">Once fetched, the remote copy: </label>
      <select id="c-remote" name="remote">{{#remoteModes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/remoteModes}}</select>
      <label for="c-remote-days">Days before deleting it (with "after some days")</label>
      <input id="c-remote-days" name="remote_days" inputmode="numeric" value="{{v.remote_days}}"
             {{#errors.remote}}aria-invalid="true" aria-describedby="c-remote-error"{{/errors.remote}}>
      {{#errors.remote}}<p class="field-error" id="c-remote-error">{{errors.remote}}</p>{{/errors.remote}}
      <label class="inline check"><input type="checkbox" id="c-antispam" name="antispam" value="on"{{#v.antispam}} checked{{/v.antispam}}> Antispam checks</label>
      <label class="inline check"><input type="checkbox" id="c-antivirus" name="antivirus" value="on"{{#v.antivirus}} checked{{/v.antivirus}}> Antivirus checks</label>
      <label class="inline check"><input type="checkbox" id="c-enabled" name="enabled" value="on"{{#v.enabled}} checked{{/v.enabled}}> Fetch on a schedule (on)</label>
    </fieldset>
    """
}
