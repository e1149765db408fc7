extension UITemplates {
    static let addresses = """
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Address</th><th scope="col">Delivers to</th><th scope="col">Internal</th></tr></thead>
      <tbody>{{#addresses}}<tr><td><a href="{{href}}">{{address}}</a>{{#anyDomain}} <span class="badge">every domain</span>{{/anyDomain}}</td>
      <td>{{destinations}}</td><td>{{#internal}}local senders only{{/internal}}</td></tr>{{/addresses}}
      {{^addresses}}<tr><td colspan="3" class="muted">No address yet. Users receive mail at name@each-local-domain without one.</td></tr>{{/addresses}}</tbody>
    </table></div>
    <form method="post" action="/addresses" class="card" id="add-address">
      <h2>Add an address</h2>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <label for="address">Address (info@example.com; sales or sales@* for every local domain)</label>
      <input id="address" name="address" required value="{{values.address}}"
             {{#errors.address}}aria-invalid="true" aria-describedby="address-error"{{/errors.address}}>
      {{#errors.address}}<p class="field-error" id="address-error">{{errors.address}}</p>{{/errors.address}}
      <label for="destinations">Delivers to (one per line: user:NAME, group:NAME, public:NAME or an external address)</label>
      <textarea id="destinations" name="destinations" rows="3" aria-describedby="destinations-help{{#errors.destinations}} destinations-error{{/errors.destinations}}"
                {{#errors.destinations}}aria-invalid="true"{{/errors.destinations}}>{{values.destinations}}</textarea>
      {{#errors.destinations}}<p class="field-error" id="destinations-error">{{errors.destinations}}</p>{{/errors.destinations}}
      <p class="help" id="destinations-help">{{#hints}}<code>{{.}}</code> {{/hints}}</p>
      <label class="inline"><input type="checkbox" name="internal" value="on"{{#internalChecked}} checked{{/internalChecked}}> Internal: accept mail only from local senders</label>
      <div><button type="submit">Add address</button></div>
    </form>
    """

    static let address = """
    <p><a href="/addresses">← Addresses</a></p>
    <form method="post" action="{{href}}" class="card" id="address-settings">
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#errors.form}}<p class="error" role="alert">{{errors.form}}</p>{{/errors.form}}
      <label for="destinations">Delivers to (one per line: user:NAME, group:NAME, public:NAME or an external address)</label>
      <textarea id="destinations" name="destinations" rows="4"{{#errors.destinations}} aria-invalid="true" aria-describedby="destinations-error"{{/errors.destinations}}>{{destinations}}</textarea>
      {{#errors.destinations}}<p class="field-error" id="destinations-error">{{errors.destinations}}</p>{{/errors.destinations}}
      <label class="inline"><input type="checkbox" name="internal" value="on"{{#internal}} checked{{/internal}}> Internal: accept mail only from local senders</label>
      <div><button type="submit">Save</button></div>
    </form>
    <form method="post" action="{{href}}/delete" class="card" data-confirm="Remove the address {{address}}?">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="danger">Remove {{address}}</button>
    </form>
    """
}
