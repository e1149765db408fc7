require ["variables", "fileinto"];
if header :matches "x-mailer" "* *" { fileinto "${2}"; }
