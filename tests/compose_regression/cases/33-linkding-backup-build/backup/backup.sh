#!/bin/sh
while true; do
  tar czf "/backups/linkding-$(date +%F).tar.gz" -C /data . && echo "backup done"
  sleep 86400
done
