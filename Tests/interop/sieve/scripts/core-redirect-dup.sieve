redirect "copy@example.com";
redirect "copy@example.com";
