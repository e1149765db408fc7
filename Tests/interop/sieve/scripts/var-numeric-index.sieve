require ["variables", "fileinto"];
if header :matches "subject" "*o*" { fileinto "${01}|${2}|${9}"; }
