require ["date"];
if currentdate :zone "+0530" :matches "zone" "+0530" { discard; }
