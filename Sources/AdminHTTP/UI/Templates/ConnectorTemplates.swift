extension UITemplates {
    static let connectors = """
    <p class="help">External POP3/IMAP accounts fetched on a schedule into local users, through the same filters as
    other mail. Add one with <code>postino connector add</code> (its password is typed there, never here).</p>
    <div class="table-wrap"><table id="connectors-table">
      <thead><tr><th scope="col">Account</th><th scope="col">Server</th><th scope="col">Delivers to</th><th scope="col">Last run</th>
      <th scope="col">Fetched</th><th scope="col">Actions</th></tr></thead>
      <tbody>{{#connectors}}<tr><td>{{email}}{{^enabled}} <span class="badge off">off</span>{{/enabled}}<br>
      <span class="muted">login {{user}}, every {{every}}, remote copy: {{remote}}{{#filters}}, {{filters}}{{/filters}}</span></td>
      <td>{{server}}</td><td>{{deliverTo}}</td>
      <td>{{lastRun}}{{#lastError}}<br><span class="badge bad">error</span> <span class="muted">{{lastError}}</span>{{/lastError}}</td>
      <td>{{fetched}}</td>
      <td class="actions"><form method="post" action="{{href}}/check"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">Check now</button></form>
        <form method="post" action="{{href}}/delete" data-confirm="Remove the connector {{email}}? Mail already fetched stays.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger">Remove</button></form></td></tr>{{/connectors}}
      {{^connectors}}<tr><td colspan="6" class="muted">No connector.</td></tr>{{/connectors}}</tbody>
    </table></div>
    """

    static let sync = """
    {{#running}}<p class="notice" role="status" data-reload="5">A synchronization is running: this page updates every 5 seconds.</p>{{/running}}
    <p class="help">A remote IMAP account copied into a local user, all folders, incremental (messages already present
    are skipped). Add and run jobs with <code>postino sync add</code> and <code>postino sync run</code>.</p>
    <div class="table-wrap"><table id="sync-table">
      <thead><tr><th scope="col">Local user</th><th scope="col">Remote account</th><th scope="col">Last run</th><th scope="col">Actions</th></tr></thead>
      <tbody>{{#jobs}}<tr><td>{{user}}</td><td>{{remote}}</td>
      <td>{{#run}}<strong>{{state}}</strong> {{started}}<br>folders {{folders}}
        <progress max="100" value="{{percent}}" aria-label="folders done">{{percent}}%</progress><br>
        {{copied}} copied, {{skipped}} skipped, {{failed}} failed of {{messages}}{{/run}}{{^run}}<span class="muted">never run</span>{{/run}}</td>
      <td class="actions"><form method="post" action="{{href}}/enabled"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#enabled}}<button type="submit" class="secondary">Switch off</button>{{/enabled}}
        {{^enabled}}<input type="hidden" name="enabled" value="on"><button type="submit" class="secondary">Switch on</button>{{/enabled}}</form>
        <form method="post" action="{{href}}/delete" data-confirm="Remove the sync job of {{user}}? Copied mail stays.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="danger">Remove</button></form></td></tr>{{/jobs}}
      {{^jobs}}<tr><td colspan="4" class="muted">No synchronization job.</td></tr>{{/jobs}}</tbody>
    </table></div>
    """
}
