redirect "counted@example.com";
