"""Community images people run by their plain name, and the ports they listen on.

``PUBLISHED``: where an image is published, for one said by the software's name ("run a mailpit container",
"navidrome on 4533, music in /mnt/music"): the repository a pull finds it under. ``LISTENS``: the port the
software listens on inside its container, beyond ``clause.KNOWN_IMAGES``, so that "a second jellyfin on 8097"
maps 8097 to 8096. Words that are also plain English ("actual", "element", "homer") are left out: the name
must say the software, never a word of the sentence.
"""
from __future__ import annotations

_LINUXSERVER = ('sonarr', 'radarr', 'lidarr', 'prowlarr', 'bazarr', 'readarr', 'qbittorrent', 'transmission', 'sabnzbd',
                'heimdall', 'bookstack', 'calibre-web', 'grocy', 'duplicati', 'wireguard', 'speedtest-tracker', 'tautulli',
                'nzbget', 'jackett', 'mylar3', 'ombi', 'syncthing-lsio')

PUBLISHED: dict[str, str] = {
    # mail catchers, dashboards, small tools
    'mailpit': 'axllent/mailpit', 'mailhog': 'mailhog/mailhog', 'smtp4dev': 'rnwood/smtp4dev', 'dozzle': 'amir20/dozzle',
    'portainer': 'portainer/portainer-ce', 'watchtower': 'containrrr/watchtower', 'gotify': 'gotify/server',
    'filebrowser': 'filebrowser/filebrowser', 'excalidraw': 'excalidraw/excalidraw', 'it-tools': 'corentinth/it-tools',
    'code-server': 'codercom/code-server', 'searxng': 'searxng/searxng', 'ntfy': 'binwiederhier/ntfy',
    'homepage': 'ghcr.io/gethomepage/homepage', 'homarr': 'ghcr.io/ajnart/homarr', 'dashy': 'lissy93/dashy',
    'httpbin': 'kennethreitz/httpbin', 'echo-server': 'ealen/echo-server', 'stirling-pdf': 'frooodle/s-pdf',
    'changedetection': 'ghcr.io/dgtlmoon/changedetection.io', 'privatebin': 'privatebin/nginx-fpm-alpine',
    'linkding': 'sissbruecker/linkding', 'hedgedoc': 'quay.io/hedgedoc/hedgedoc', 'vikunja': 'vikunja/vikunja',
    'nocodb': 'nocodb/nocodb', 'directus': 'directus/directus', 'umami': 'ghcr.io/umami-software/umami',
    'scrutiny': 'ghcr.io/analogj/scrutiny', 'semaphore': 'semaphoreui/semaphore', 'lldap': 'lldap/lldap',
    # search, queues, data
    'meilisearch': 'getmeili/meilisearch', 'mosquitto': 'eclipse-mosquitto', 'clickhouse': 'clickhouse/clickhouse-server',
    'opensearch': 'opensearchproject/opensearch', 'qdrant': 'qdrant/qdrant', 'pgadmin': 'dpage/pgadmin4',
    'pgadmin4': 'dpage/pgadmin4', 'phpmyadmin': 'phpmyadmin', 'mongo-express': 'mongo-express',
    'redisinsight': 'redis/redisinsight', 'adminer': 'adminer',
    # media, books, photos
    'navidrome': 'deluan/navidrome', 'jellyfin': 'jellyfin/jellyfin', 'emby': 'emby/embyserver', 'plex': 'plexinc/pms-docker',
    'jellyseerr': 'fallenbagel/jellyseerr', 'overseerr': 'sctx/overseerr', 'audiobookshelf': 'ghcr.io/advplyr/audiobookshelf',
    'photoprism': 'photoprism/photoprism', 'kavita': 'jvmilazz0/kavita', 'komga': 'gotson/komga', 'owncast': 'owncast/owncast',
    # home, network, security
    'esphome': 'ghcr.io/esphome/esphome', 'zigbee2mqtt': 'koenkk/zigbee2mqtt',
    'home-assistant': 'ghcr.io/home-assistant/home-assistant',
    'homeassistant': 'ghcr.io/home-assistant/home-assistant', 'pihole': 'pihole/pihole', 'adguard': 'adguard/adguardhome',
    'adguardhome': 'adguard/adguardhome', 'unbound': 'mvance/unbound', 'wg-easy': 'ghcr.io/wg-easy/wg-easy',
    'nginx-proxy-manager': 'jc21/nginx-proxy-manager', 'authelia': 'authelia/authelia',
    'keycloak': 'quay.io/keycloak/keycloak',
    'vaultwarden': 'vaultwarden/server', 'uptime-kuma': 'louislam/uptime-kuma', 'syncthing': 'syncthing/syncthing',
    'tailscale': 'tailscale/tailscale', 'cloudflared': 'cloudflare/cloudflared', 'frigate': 'ghcr.io/blakeblackshear/frigate',
    'traccar': 'traccar/traccar',
    # documents, apps
    'paperless-ngx': 'ghcr.io/paperless-ngx/paperless-ngx', 'freshrss': 'freshrss/freshrss', 'miniflux': 'miniflux/miniflux',
    'mealie': 'ghcr.io/mealie-recipes/mealie', 'n8n': 'n8nio/n8n', 'node-red': 'nodered/node-red',
    'wallabag': 'wallabag/wallabag',
    'mattermost': 'mattermost/mattermost-team-edition', 'synapse': 'matrixdotorg/synapse', 'ollama': 'ollama/ollama',
    'open-webui': 'ghcr.io/open-webui/open-webui',
    # monitoring
    'loki': 'grafana/loki', 'promtail': 'grafana/promtail', 'cadvisor': 'gcr.io/cadvisor/cadvisor',
    'node-exporter': 'prom/node-exporter', 'alertmanager': 'prom/alertmanager', 'blackbox-exporter': 'prom/blackbox-exporter',
    'pushgateway': 'prom/pushgateway', 'netdata': 'netdata/netdata', 'influxdb': 'influxdb',
    # building and shipping
    'gitea': 'gitea/gitea', 'forgejo': 'codeberg.org/forgejo/forgejo', 'jenkins': 'jenkins/jenkins',
    'verdaccio': 'verdaccio/verdaccio',
    'nexus': 'sonatype/nexus3', 'woodpecker': 'woodpeckerci/woodpecker-server', 'gitlab': 'gitlab/gitlab-ce',
    # games
    'minecraft': 'itzg/minecraft-server', 'valheim': 'lloesche/valheim-server',
    **{name: f'linuxserver/{name}' for name in _LINUXSERVER},
}

# the port well-known self-hosted images listen on, beyond KNOWN_IMAGES ("a second jellyfin on 8097": 8097 -> 8096)
LISTENS: dict[str, int] = {
    'minecraft-server': 25565, 'minecraft-bedrock-server': 19132, 'terraria': 7777, 'jellyfin': 8096,
    'uptime-kuma': 3001, 'gitea': 3000, 'n8n': 5678, 'dozzle': 8080, 'homepage': 3000, 'bluemap': 8100,
    'syncthing': 8384, 'home-assistant': 8123, 'nextcloud': 80, 'wordpress': 80, 'ghost': 2368,
    'vaultwarden': 80, 'plex': 32400, 'pms-docker': 32400, 'emby': 8096, 'embyserver': 8096, 'immich-server': 2283,
    'paperless-ngx': 8000, 'mealie': 9000, 'eclipse-mosquitto': 1883, 'mosquitto': 1883, 'heimdall': 80,
    'portainer-ce': 9443, 'portainer': 9443, 'pihole': 80, 'filebrowser': 80, 'code-server': 8443, 'node-red': 1880,
    'kibana': 5601, 'pgadmin4': 80, 'phpmyadmin': 80, 'mailpit': 8025, 'mailhog': 8025, 'keycloak': 8080, 'vault': 8200,
    'consul': 8500, 'sonarr': 8989, 'radarr': 7878, 'lidarr': 8686, 'prowlarr': 9696, 'bazarr': 6767, 'readarr': 8787,
    'qbittorrent': 8080, 'transmission': 9091, 'sabnzbd': 8080, 'tautulli': 8181, 'navidrome': 4533, 'freshrss': 80,
    'stirling-pdf': 8080, 's-pdf': 8080, 'it-tools': 80, 'wiki': 3000, 'jellyseerr': 5055, 'overseerr': 5055,
    'audiobookshelf': 80, 'esphome': 6052, 'adguardhome': 3000, 'homarr': 7575, 'photoprism': 2342, 'miniflux': 8080,
    'loki': 3100, 'cadvisor': 8080, 'node-exporter': 9100, 'alertmanager': 9093, 'blackbox-exporter': 9115,
    'pushgateway': 9091, 'zigbee2mqtt': 8080, 'wg-easy': 51821, 'authelia': 9091, 'minio': 9000,
    'jenkins': 8080, 'verdaccio': 4873, 'nexus3': 8081, 'clickhouse-server': 8123, 'opensearch': 9200,
    'changedetection.io': 5000, 'kavita': 5000, 'komga': 25600, 'linkding': 9090, 'hedgedoc': 3000,
    'mattermost-team-edition': 8065, 'synapse': 8008, 'netdata': 19999, 'ollama': 11434, 'open-webui': 8080,
    'qdrant': 6333, 'meilisearch': 7700, 'gotify': 80, 'dashy': 8080, 'umami': 3000, 'vikunja': 3456,
    'nocodb': 8080, 'directus': 8055, 'owncast': 8080, 'traccar': 8082, 'scrutiny': 8080, 'semaphore': 3000,
    'lldap': 17170, 'searxng': 8080, 'ntfy': 80, 'excalidraw': 80, 'influxdb': 8086, 'wallabag': 80, 'bookstack': 80,
    'calibre-web': 8083, 'grocy': 80, 'duplicati': 8200, 'speedtest-tracker': 80, 'redisinsight': 5540,
    'mongo-express': 8081, 'adminer': 8080, 'forgejo': 3000, 'woodpecker-server': 8000, 'gitlab-ce': 80,
}
