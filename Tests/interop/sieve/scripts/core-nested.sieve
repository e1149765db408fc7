if exists "from" {
  if header :contains "subject" "budget" {
    discard;
  } elsif header :contains "subject" "release" {
    redirect "dev-archive@example.com";
  } else {
    keep;
  }
}
