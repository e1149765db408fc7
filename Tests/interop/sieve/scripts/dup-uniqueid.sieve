require ["duplicate", "variables", "fileinto"];
if header :matches "subject" "*" { set "s" "${1}"; }
if not duplicate :handle "subj" :uniqueid "${s}" { fileinto "Unique"; }
