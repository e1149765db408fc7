require "fileinto";
if header :contains "subject" "release" { fileinto "Lists.dev"; }
