extension UITemplates {
    static let relay = """
    <section class="card"><h2>Smarthost</h2>
      {{#smarthost}}<p>Mail that no rule below matches goes through <code>{{endpoint}}</code> (TLS: {{tls}}{{#user}}, login {{user}}{{/user}}).</p>
      <form method="post" action="/relay/rules/remove" data-confirm="Remove the smarthost? Mail then goes directly to each domain's MX.">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="sender" value="*">
        <button type="submit" class="danger">Remove the smarthost</button></form>{{/smarthost}}
      {{^smarthost}}<p>None: outgoing mail goes directly to each domain's MX.</p>{{/smarthost}}
      <form method="post" action="/relay/rules" id="set-smarthost">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="smarthost" value="1">
        {{#errors.smarthost.form}}<p class="error" role="alert">{{errors.smarthost.form}}</p>{{/errors.smarthost.form}}
        <label for="smarthost-host">Host</label>
        <input id="smarthost-host" name="host" required value="{{values.smarthost.host}}"{{#errors.smarthost.host}} aria-invalid="true" aria-describedby="smarthost-host-error"{{/errors.smarthost.host}}>
        {{#errors.smarthost.host}}<p class="field-error" id="smarthost-host-error">{{errors.smarthost.host}}</p>{{/errors.smarthost.host}}
        <label for="smarthost-port">Port (empty: 587 with STARTTLS, 465 with implicit TLS, 25 without)</label>
        <input id="smarthost-port" name="port" inputmode="numeric" value="{{values.smarthost.port}}"{{#errors.smarthost.port}} aria-invalid="true" aria-describedby="smarthost-port-error"{{/errors.smarthost.port}}>
        {{#errors.smarthost.port}}<p class="field-error" id="smarthost-port-error">{{errors.smarthost.port}}</p>{{/errors.smarthost.port}}
        <label for="smarthost-tls">TLS</label>
        <select id="smarthost-tls" name="tls">{{#tlsModes}}<option value="{{.}}">{{.}}</option>{{/tlsModes}}</select>
        <label for="smarthost-user">Login (empty: none)</label>
        <input id="smarthost-user" name="user" autocomplete="off" value="{{values.smarthost.user}}">
        <label for="smarthost-password">Password</label>
        <input id="smarthost-password" name="password" type="password" autocomplete="new-password">
        <div><button type="submit">Set the smarthost</button></div>
      </form>
    </section>
    <section class="card"><h2>Relay host rules</h2>
      <p class="help">Mail from a sender address or domain goes through its own relay host.</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Sender</th><th scope="col">Relay host</th><th scope="col">TLS</th><th scope="col">Login</th><th scope="col"></th></tr></thead>
        <tbody>{{#rules}}<tr><td>{{sender}}</td><td><code>{{endpoint}}</code></td><td>{{tls}}</td><td>{{user}}</td>
        <td><form method="post" action="/relay/rules/remove" data-confirm="Remove the relay rule of {{sender}}?">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="sender" value="{{sender}}">
          <button type="submit" class="danger">Remove</button></form></td></tr>{{/rules}}
        {{^rules}}<tr><td colspan="5" class="muted">No rule.</td></tr>{{/rules}}</tbody>
      </table></div>
      <form method="post" action="/relay/rules" id="add-rule">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <h3>Add a rule</h3>
        {{#errors.rule.form}}<p class="error" role="alert">{{errors.rule.form}}</p>{{/errors.rule.form}}
        <label for="rule-sender">Sender address or domain</label>
        <input id="rule-sender" name="sender" required value="{{values.rule.sender}}"{{#errors.rule.sender}} aria-invalid="true" aria-describedby="rule-sender-error"{{/errors.rule.sender}}>
        {{#errors.rule.sender}}<p class="field-error" id="rule-sender-error">{{errors.rule.sender}}</p>{{/errors.rule.sender}}
        <label for="rule-host">Relay host</label>
        <input id="rule-host" name="host" required value="{{values.rule.host}}">
        <label for="rule-port">Port (empty: the TLS mode's usual port)</label>
        <input id="rule-port" name="port" inputmode="numeric" value="{{values.rule.port}}"{{#errors.rule.port}} aria-invalid="true" aria-describedby="rule-port-error"{{/errors.rule.port}}>
        {{#errors.rule.port}}<p class="field-error" id="rule-port-error">{{errors.rule.port}}</p>{{/errors.rule.port}}
        <label for="rule-tls">TLS</label>
        <select id="rule-tls" name="tls">{{#tlsModes}}<option value="{{.}}">{{.}}</option>{{/tlsModes}}</select>
        <label for="rule-user">Login (empty: none)</label>
        <input id="rule-user" name="user" autocomplete="off" value="{{values.rule.user}}">
        <label for="rule-password">Password</label>
        <input id="rule-password" name="password" type="password" autocomplete="new-password">
        <div><button type="submit">Add rule</button></div>
      </form>
    </section>
    <section class="card"><h2>Relay and sender policies</h2>
    {{#settings}}{{> setting}}{{/settings}}
    </section>
    """
}
