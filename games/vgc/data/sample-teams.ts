/**
 * The fixed pool of 72 sample teams (indices 0..71), so that one can train on some teams and test
 * on unseen ones, as VGC-Bench does (e.g. `--set pool=0-63` to train, `--set pool=64-71` to test).
 * Produced once by the seeded generator (randomTeam with Rng.seeded('vgc-sample-pool-v1') at the
 * time of writing) and frozen here as data: the pool must never change when the generator or the
 * PRNG does, so that results on "seen" and "unseen" teams stay comparable. Each line is
 * `Species: move / move / move / move`; test/vgc/teams.test.ts checks every team is legal.
 */
export const SAMPLE_POOL_LINES: readonly (readonly string[])[] = [
  // 0
  [
    'Auroraith: bulwark / thought-blade / lullaby / glacier-crash',
    'Tidewhelp: bulwark / aqua-flick / hydro-lance / lure-call',
    'Drakonix: bulwark / sky-crash / scale-storm / comet-pulse',
    'Cragolem: pebble-shot / warp-zone / gem-beam / earth-pulse',
    'Pyrochelon: crag-spear / flame-jet / heat-surge / mud-lance',
    'Scaleviper: aqua-flick / drake-claw / swell-surge / brine-spout',
  ],
  // 1
  [
    'Frostfang: bulwark / spite-howl / night-fang / chill-breath',
    'Emberkit: scorch-haze / lure-call / spore-burst / heat-surge',
    'Auroraith: chill-breath / calm-focus / whiteout / hydro-lance',
    'Solarion: bulwark / scorch-haze / gust-blade / sky-crash',
    'Pixiebell: bulwark / soothing-bloom / pixie-strike / fae-kiss',
    'Waspire: bulwark / sky-crash / talon-dive / cyclone',
  ],
  // 2
  [
    'Waspire: buzz-wave / venom-fang / sting-volley / web-dance',
    'Drakonix: bulwark / cyclone / gust-blade / wyrm-rage',
    'Galebeak: bulwark / startle-clap / talon-dive / crushing-weight',
    'Geodrake: bulwark / drake-claw / gem-beam / wyrm-fire',
    'Auroraith: calm-focus / frost-bite / phantom-pulse / chill-breath',
    'Brinequeen: mend / hydro-lance / brine-spout / soothing-bloom',
  ],
  // 3
  [
    'Brambruin: bulwark / mud-lance / counter-jab / pollen-cloud',
    'Aegisteel: rivet-shot / alloy-crash / crushing-weight / crag-spear',
    'Lumikoi: bulwark / hydro-lance / hail-needle / glacier-crash',
    'Kaidojo: rivet-shot / chrome-beam / iron-knuckle / palm-strike',
    'Chatterwing: crushing-weight / quick-jab / overdrive-beam / cowing-glare',
    'Chromadon: bulwark / iron-wall / drake-claw / crushing-weight',
  ],
  // 4
  [
    'Solarion: bulwark / mind-spike / sky-crash / flame-jet',
    'Verdantoad: timber-slam / acid-rain / earth-pulse / toxic-spray',
    'Frostfang: frost-bite / hail-needle / glacier-crash / dusk-pulse',
    'Drakonix: bulwark / scale-storm / wyrm-rage / following-gale',
    'Beetalon: buzz-wave / swarm-bite / alloy-crash / warp-zone',
    'Moltenox: bulwark / cinder-claw / rivet-shot / chrome-beam',
  ],
  // 5
  [
    'Brawlbuck: palm-strike / counter-jab / aura-burst / startle-clap',
    'Psylph: warp-zone / mind-spike / fae-kiss / thought-blade',
    'Hollowisp: bulwark / scorch-haze / flame-jet / heat-surge',
    'Tidewhelp: riptide-smash / hydro-lance / lure-call / aqua-flick',
    'Verdantoad: timber-slam / spore-burst / toxic-spray / thorn-whip',
    'Burlhorn: quick-jab / crushing-weight / overdrive-beam / palm-strike',
  ],
  // 6
  [
    'Frostfang: bulwark / frost-bite / glacier-crash / night-fang',
    'Toxipede: bulwark / buzz-wave / acid-rain / night-fang',
    'Tidewhelp: bulwark / tide-fang / hydro-lance / lure-call',
    'Chatterwing: crushing-weight / following-gale / reckless-ram / talon-dive',
    'Cragolem: bulwark / palm-strike / mud-lance / boulder-fall',
    'Brawlbuck: bulwark / startle-clap / palm-strike / tiger-knee',
  ],
  // 7
  [
    'Duskraven: gust-blade / ambush-strike / crushing-weight / following-gale',
    'Spectrelk: sap-drain / spore-burst / warp-zone / grave-chill',
    'Stormwing: following-gale / static-field / volt-fang / crushing-weight',
    'Fayblade: counter-jab / soothing-bloom / night-fang / palm-strike',
    'Chatterwing: bulwark / cowing-glare / talon-dive / gust-blade',
    'Emberkit: flame-jet / blaze-charge / spore-burst / scorch-haze',
  ],
  // 8
  [
    'Galvanox: bulwark / storm-strike / spark-rain / arc-bolt',
    'Lumikoi: lullaby / hail-needle / brine-spout / riptide-smash',
    'Psylph: moon-ray / psi-storm / pixie-strike / fae-kiss',
    'Emberkit: bulwark / cinder-claw / spore-burst / flame-jet',
    'Burlhorn: bulwark / mud-lance / echo-blast / reckless-ram',
    'Zappup: bulwark / storm-strike / lure-call / startle-clap',
  ],
  // 9
  [
    'Kaidojo: bulwark / chrome-beam / iron-knuckle / tiger-knee',
    'Moltenox: bulwark / warp-zone / alloy-crash / chrome-beam',
    'Pyrochelon: bulwark / flame-jet / mend / blaze-charge',
    'Dunequake: earth-pulse / mud-lance / warp-zone / iron-knuckle',
    'Siltshark: bulwark / crag-spear / drake-claw / wyrm-rage',
    'Psylph: bulwark / fae-kiss / moon-ray / following-gale',
  ],
  // 10
  [
    'Hollowisp: bulwark / heat-surge / flame-jet / grave-chill',
    'Verdantoad: bulwark / earth-pulse / venom-fang / timber-slam',
    'Burlhorn: quick-jab / echo-blast / overdrive-beam / lullaby',
    'Zappup: bulwark / crushing-weight / quick-jab / lure-call',
    'Aegisteel: bulwark / iron-wall / chrome-beam / crag-spear',
    'Kaidojo: bulwark / iron-wall / mud-lance / iron-knuckle',
  ],
  // 11
  [
    'Gloomshade: bulwark / phantom-pulse / shade-claw / lullaby',
    'Galvanox: bulwark / iron-knuckle / arc-bolt / storm-strike',
    'Beetalon: bulwark / swarm-bite / chrome-beam / iron-knuckle',
    'Emberkit: bulwark / scorch-haze / blaze-charge / cinder-claw',
    'Galebeak: bulwark / cyclone / cowing-glare / startle-clap',
    'Drakonix: bulwark / cyclone / wyrm-fire / wyrm-rage',
  ],
  // 12
  [
    'Solarion: cyclone / flame-jet / blaze-charge / scorch-haze',
    'Aegisteel: chrome-beam / rivet-shot / iron-knuckle / alloy-crash',
    'Toxipede: bulwark / web-dance / venom-fang / buzz-wave',
    'Tidewhelp: bulwark / brine-spout / tide-fang / lure-call',
    'Drakonix: gust-blade / scale-storm / following-gale / wyrm-rage',
    'Pyrochelon: bulwark / warp-zone / crushing-weight / earth-pulse',
  ],
  // 13
  [
    'Pixiebell: bulwark / pixie-strike / fae-kiss / mend',
    'Coralisk: bulwark / tide-fang / aqua-flick / brine-spout',
    'Galebeak: bulwark / rally-cheer / gust-blade / sky-crash',
    'Burlhorn: bulwark / reckless-ram / echo-blast / palm-strike',
    'Dunequake: mud-lance / crag-spear / quake-stomp / dust-gale',
    'Pyrochelon: bulwark / warp-zone / earth-pulse / blaze-charge',
  ],
  // 14
  [
    'Voltide: riptide-smash / hydro-lance / brine-spout / storm-strike',
    'Burlhorn: quick-jab / overdrive-beam / echo-blast / lullaby',
    'Brambruin: bulwark / tiger-knee / thorn-whip / aura-burst',
    'Aegisteel: bulwark / rivet-shot / mud-lance / crag-spear',
    'Glaciorn: crushing-weight / quake-stomp / crag-spear / frost-bite',
    'Dynamoth: bulwark / web-dance / volt-fang / buzz-wave',
  ],
  // 15
  [
    'Galebeak: crushing-weight / reckless-ram / lullaby / quick-jab',
    'Emberkit: bulwark / cinder-claw / scorch-haze / earth-pulse',
    'Drakonix: bulwark / cinder-claw / following-gale / sky-crash',
    'Oracleon: bulwark / crushing-weight / phantom-pulse / aura-burst',
    'Fayblade: tiger-knee / startle-clap / low-sweep / dazzle-wave',
    'Gloomshade: bulwark / grave-chill / toxic-spray / phantom-pulse',
  ],
  // 16
  [
    'Toxipede: bulwark / acid-rain / silk-snare / web-dance',
    'Siltshark: quake-stomp / earth-pulse / comet-pulse / drake-claw',
    'Moltenox: mud-lance / cinder-claw / chrome-beam / blaze-charge',
    'Zappup: storm-strike / spark-rain / lure-call / arc-bolt',
    'Cindermaw: bulwark / startle-clap / blaze-charge / flame-jet',
    'Voltide: swell-surge / static-field / storm-strike / hydro-lance',
  ],
  // 17
  [
    'Cindermaw: bulwark / battle-cry / ambush-strike / blaze-charge',
    'Gloomshade: bulwark / shade-claw / venom-fang / grave-chill',
    'Emberkit: flame-jet / scorch-haze / lure-call / cinder-claw',
    'Chromadon: iron-wall / drake-claw / rivet-shot / chrome-beam',
    'Kaidojo: low-sweep / rivet-shot / palm-strike / aura-burst',
    'Cragolem: bulwark / pebble-shot / warp-zone / earth-pulse',
  ],
  // 18
  [
    'Brinequeen: mend / hydro-lance / pixie-strike / riptide-smash',
    'Aegisteel: alloy-crash / rivet-shot / lure-call / mud-lance',
    'Moltenox: bulwark / scorch-haze / heat-surge / crag-spear',
    'Bloomwisp: dazzle-wave / sap-drain / pixie-strike / bramble-storm',
    'Cindermaw: bulwark / startle-clap / blaze-charge / battle-cry',
    'Stormwing: sky-crash / crushing-weight / cyclone / spark-rain',
  ],
  // 19
  [
    'Voltide: bulwark / storm-strike / swell-surge / riptide-smash',
    'Dunequake: bulwark / warp-zone / crag-spear / mud-lance',
    'Duskraven: crushing-weight / dusk-pulse / sky-crash / following-gale',
    'Brambruin: low-sweep / palm-strike / counter-jab / aura-burst',
    'Galvanox: iron-knuckle / arc-bolt / iron-wall / spark-rain',
    'Spectrelk: bulwark / spore-burst / grave-chill / timber-slam',
  ],
  // 20
  [
    'Drakonix: following-gale / gust-blade / drake-claw / cyclone',
    'Nightprowl: dusk-pulse / startle-clap / ambush-strike / crushing-weight',
    'Verdantoad: pollen-cloud / crushing-weight / lure-call / toxic-spray',
    'Dynamoth: gust-blade / arc-bolt / crushing-weight / static-field',
    'Coralisk: bulwark / brine-spout / boulder-fall / pebble-shot',
    'Scaleviper: bulwark / riptide-smash / hydro-lance / frost-ray',
  ],
  // 21
  [
    'Lumikoi: bulwark / aqua-flick / brine-spout / glacier-crash',
    'Beetalon: bulwark / iron-knuckle / sting-volley / crushing-weight',
    'Chatterwing: bulwark / crushing-weight / talon-dive / gust-blade',
    'Emberkit: bulwark / blaze-charge / flame-jet / lure-call',
    'Solarion: bulwark / following-gale / heat-surge / cinder-claw',
    'Moltenox: bulwark / crushing-weight / cinder-claw / rivet-shot',
  ],
  // 22
  [
    'Drakonix: drake-claw / mud-lance / wyrm-rage / following-gale',
    'Brambruin: spore-burst / sap-drain / mud-lance / crushing-weight',
    'Chatterwing: gust-blade / echo-blast / rally-cheer / startle-clap',
    'Pyrochelon: warp-zone / mud-lance / scorch-haze / flame-jet',
    'Stormwing: static-field / talon-dive / sky-crash / spark-rain',
    'Frostfang: chill-breath / ambush-strike / hail-needle / frost-bite',
  ],
  // 23
  [
    'Pyrochelon: scorch-haze / quake-stomp / flame-jet / heat-surge',
    'Emberkit: flame-jet / scorch-haze / lure-call / spore-burst',
    'Solarion: bulwark / cinder-claw / scorch-haze / talon-dive',
    'Burlhorn: bulwark / startle-clap / night-fang / cowing-glare',
    'Moltenox: bulwark / mud-lance / heat-surge / alloy-crash',
    'Zappup: bulwark / crushing-weight / arc-bolt / quick-jab',
  ],
  // 24
  [
    'Lumikoi: bulwark / brine-spout / mend / mind-spike',
    'Drakonix: bulwark / following-gale / scale-storm / comet-pulse',
    'Venomire: bulwark / ambush-strike / noxious-mist / earth-pulse',
    'Pixiebell: bulwark / mend / dazzle-wave / crushing-weight',
    'Beetalon: swarm-bite / silk-snare / web-dance / chrome-beam',
    'Pyrochelon: cinder-claw / blaze-charge / dust-gale / flame-jet',
  ],
  // 25
  [
    'Tidewhelp: bulwark / riptide-smash / aqua-flick / crushing-weight',
    'Glaciorn: bulwark / dust-gale / iron-knuckle / hail-needle',
    'Verdantoad: bulwark / thorn-whip / earth-pulse / venom-fang',
    'Chatterwing: bulwark / reckless-ram / overdrive-beam / mend',
    'Frostfang: glacier-crash / whiteout / spite-howl / night-fang',
    'Stormwing: bulwark / storm-strike / talon-dive / static-field',
  ],
  // 26
  [
    'Brambruin: bulwark / tiger-knee / low-sweep / timber-slam',
    'Nightprowl: bulwark / shade-claw / night-fang / spite-howl',
    'Stormwing: bulwark / static-field / storm-strike / flame-jet',
    'Glaciorn: frost-bite / warp-zone / dust-gale / quake-stomp',
    'Geodrake: bulwark / cinder-claw / boulder-fall / wyrm-rage',
    'Brinequeen: lullaby / fae-kiss / hydro-lance / soothing-bloom',
  ],
  // 27
  [
    'Burlhorn: bulwark / echo-blast / mend / crushing-weight',
    'Gloomshade: bulwark / phantom-pulse / noxious-mist / shade-claw',
    'Auroraith: bulwark / whiteout / frost-ray / thought-blade',
    'Brambruin: sap-drain / pollen-cloud / counter-jab / spore-burst',
    'Dynamoth: bulwark / web-dance / mind-spike / buzz-wave',
    'Pyrochelon: bulwark / heat-surge / crushing-weight / flame-jet',
  ],
  // 28
  [
    'Siltshark: bulwark / wyrm-rage / quake-stomp / crushing-weight',
    'Galebeak: bulwark / gust-blade / crushing-weight / rally-cheer',
    'Voltide: spark-rain / static-field / swell-surge / arc-bolt',
    'Moltenox: bulwark / cinder-claw / crushing-weight / rivet-shot',
    'Toxipede: sting-volley / acid-rain / buzz-wave / silk-snare',
    'Cragolem: bulwark / crag-spear / gem-beam / warp-zone',
  ],
  // 29
  [
    'Stormwing: mind-spike / static-field / volt-fang / storm-strike',
    'Venomire: bulwark / night-fang / ambush-strike / noxious-mist',
    'Auroraith: chill-breath / psi-storm / crushing-weight / hail-needle',
    'Coralisk: tide-fang / crushing-weight / frost-bite / gem-beam',
    'Dunequake: bulwark / dust-gale / quake-stomp / earth-pulse',
    'Galebeak: cowing-glare / mend / overdrive-beam / night-fang',
  ],
  // 30
  [
    'Moltenox: crushing-weight / scorch-haze / warp-zone / mud-lance',
    'Pixiebell: crushing-weight / dazzle-wave / pixie-strike / fae-kiss',
    'Cragolem: pebble-shot / crushing-weight / mud-lance / gem-beam',
    'Nightprowl: dusk-pulse / ambush-strike / shade-claw / spite-howl',
    'Spectrelk: phantom-pulse / sap-drain / grave-chill / spore-burst',
    'Geodrake: wyrm-fire / comet-pulse / crag-spear / scale-storm',
  ],
  // 31
  [
    'Venomire: acid-rain / ambush-strike / noxious-mist / venom-fang',
    'Dynamoth: bulwark / volt-fang / swarm-bite / web-dance',
    'Zappup: bulwark / storm-strike / crushing-weight / arc-bolt',
    'Toxipede: noxious-mist / web-dance / crushing-weight / swarm-bite',
    'Moltenox: iron-knuckle / alloy-crash / chrome-beam / cinder-claw',
    'Cragolem: earth-pulse / pebble-shot / warp-zone / crag-spear',
  ],
  // 32
  [
    'Verdantoad: venom-fang / dust-gale / toxic-spray / thorn-whip',
    'Emberkit: bulwark / heat-surge / cinder-claw / flame-jet',
    'Scaleviper: swell-surge / comet-pulse / drake-claw / aqua-flick',
    'Lumikoi: bulwark / hail-needle / tide-fang / hydro-lance',
    'Toxipede: sting-volley / buzz-wave / toxic-spray / silk-snare',
    'Pixiebell: bulwark / dazzle-wave / pixie-strike / fae-kiss',
  ],
  // 33
  [
    'Kaidojo: bulwark / alloy-crash / tiger-knee / warp-zone',
    'Gloomshade: noxious-mist / grave-chill / phantom-pulse / acid-rain',
    'Waspire: bulwark / swarm-bite / sky-crash / silk-snare',
    'Pixiebell: bulwark / moon-ray / fae-kiss / soothing-bloom',
    'Chatterwing: bulwark / startle-clap / echo-blast / gust-blade',
    'Solarion: gust-blade / echo-blast / cinder-claw / heat-surge',
  ],
  // 34
  [
    'Kaidojo: bulwark / iron-wall / rivet-shot / palm-strike',
    'Pixiebell: bulwark / pixie-strike / fae-kiss / crushing-weight',
    'Moltenox: cinder-claw / blaze-charge / iron-knuckle / crushing-weight',
    'Pyrochelon: cinder-claw / blaze-charge / mend / earth-pulse',
    'Auroraith: warp-zone / frost-ray / thought-blade / calm-focus',
    'Psylph: flame-jet / psi-storm / calm-focus / moon-ray',
  ],
  // 35
  [
    'Tidewhelp: bulwark / brine-spout / tide-fang / hydro-lance',
    'Siltshark: earth-pulse / mud-lance / quake-stomp / crag-spear',
    'Frostfang: bulwark / dusk-pulse / crushing-weight / whiteout',
    'Cindermaw: bulwark / scorch-haze / dusk-pulse / night-fang',
    'Duskraven: bulwark / ambush-strike / dusk-pulse / following-gale',
    'Psylph: bulwark / mind-spike / dazzle-wave / fae-kiss',
  ],
  // 36
  [
    'Chromadon: iron-knuckle / wyrm-rage / iron-wall / chrome-beam',
    'Stormwing: static-field / following-gale / volt-fang / flame-jet',
    'Bloomwisp: bulwark / pollen-cloud / crushing-weight / sap-drain',
    'Duskraven: cyclone / talon-dive / following-gale / night-fang',
    'Siltshark: comet-pulse / wyrm-fire / dust-gale / mud-lance',
    'Pixiebell: bulwark / fae-kiss / dazzle-wave / pixie-strike',
  ],
  // 37
  [
    'Glaciorn: bulwark / warp-zone / earth-pulse / quake-stomp',
    'Psylph: fae-kiss / warp-zone / pixie-strike / following-gale',
    'Auroraith: bulwark / warp-zone / psi-storm / whiteout',
    'Waspire: bulwark / venom-fang / swarm-bite / buzz-wave',
    'Dunequake: bulwark / quake-stomp / mud-lance / glacier-crash',
    'Duskraven: bulwark / spite-howl / crushing-weight / following-gale',
  ],
  // 38
  [
    'Lumikoi: bulwark / tide-fang / lullaby / whiteout',
    'Cindermaw: heat-surge / scorch-haze / night-fang / dusk-pulse',
    'Hollowisp: bulwark / flame-jet / spore-burst / phantom-pulse',
    'Burlhorn: bulwark / quick-jab / cowing-glare / crag-spear',
    'Waspire: buzz-wave / swarm-bite / talon-dive / sky-crash',
    'Verdantoad: acid-rain / venom-fang / toxic-spray / sap-drain',
  ],
  // 39
  [
    'Frostfang: bulwark / whiteout / glacier-crash / night-fang',
    'Fayblade: bulwark / fae-kiss / palm-strike / tiger-knee',
    'Lumikoi: hail-needle / lullaby / brine-spout / hydro-lance',
    'Auroraith: bulwark / mind-spike / frost-bite / glacier-crash',
    'Coralisk: bulwark / crag-spear / pebble-shot / crushing-weight',
    'Kaidojo: bulwark / tiger-knee / palm-strike / counter-jab',
  ],
  // 40
  [
    'Brinequeen: bulwark / dazzle-wave / pixie-strike / moon-ray',
    'Glaciorn: bulwark / warp-zone / glacier-crash / dust-gale',
    'Geodrake: boulder-fall / cinder-claw / gem-beam / drake-claw',
    'Chatterwing: reckless-ram / overdrive-beam / quick-jab / following-gale',
    'Auroraith: bulwark / lullaby / chill-breath / thought-blade',
    'Waspire: following-gale / venom-fang / night-fang / swarm-bite',
  ],
  // 41
  [
    'Venomire: noxious-mist / toxic-spray / venom-fang / flame-jet',
    'Psylph: bulwark / soothing-bloom / thought-blade / mind-spike',
    'Dunequake: mud-lance / warp-zone / crushing-weight / quake-stomp',
    'Waspire: cyclone / talon-dive / buzz-wave / following-gale',
    'Hollowisp: bulwark / phantom-pulse / grave-chill / spore-burst',
    'Brinequeen: dazzle-wave / swell-surge / fae-kiss / moon-ray',
  ],
  // 42
  [
    'Fayblade: iron-knuckle / pixie-strike / startle-clap / fae-kiss',
    'Brinequeen: hydro-lance / soothing-bloom / pixie-strike / lullaby',
    'Spectrelk: bulwark / pollen-cloud / spore-burst / thorn-whip',
    'Pixiebell: bulwark / moon-ray / fae-kiss / lure-call',
    'Cindermaw: cinder-claw / night-fang / battle-cry / scorch-haze',
    'Waspire: gust-blade / sting-volley / buzz-wave / swarm-bite',
  ],
  // 43
  [
    'Beetalon: palm-strike / silk-snare / buzz-wave / sting-volley',
    'Zappup: arc-bolt / storm-strike / quick-jab / startle-clap',
    'Galvanox: spark-rain / iron-knuckle / static-field / warp-zone',
    'Spectrelk: sap-drain / warp-zone / bramble-storm / timber-slam',
    'Brambruin: spore-burst / pollen-cloud / thorn-whip / palm-strike',
    'Fayblade: bulwark / soothing-bloom / palm-strike / low-sweep',
  ],
  // 44
  [
    'Cindermaw: bulwark / spite-howl / mud-lance / heat-surge',
    'Lumikoi: whiteout / mend / glacier-crash / lullaby',
    'Galebeak: bulwark / lullaby / night-fang / crushing-weight',
    'Stormwing: mind-spike / arc-bolt / gust-blade / static-field',
    'Aegisteel: bulwark / chrome-beam / warp-zone / mud-lance',
    'Drakonix: following-gale / gust-blade / talon-dive / cyclone',
  ],
  // 45
  [
    'Chromadon: iron-wall / alloy-crash / comet-pulse / scale-storm',
    'Lumikoi: frost-ray / riptide-smash / glacier-crash / mend',
    'Galebeak: bulwark / crushing-weight / sky-crash / mud-lance',
    'Duskraven: following-gale / sky-crash / gust-blade / ambush-strike',
    'Beetalon: buzz-wave / rivet-shot / alloy-crash / chrome-beam',
    'Galvanox: bulwark / volt-fang / chrome-beam / static-field',
  ],
  // 46
  [
    'Solarion: scorch-haze / blaze-charge / following-gale / sky-crash',
    'Stormwing: mind-spike / arc-bolt / static-field / storm-strike',
    'Gloomshade: venom-fang / toxic-spray / aura-burst / dusk-pulse',
    'Coralisk: brine-spout / swell-surge / tide-fang / pebble-shot',
    'Bloomwisp: bramble-storm / following-gale / moon-ray / soothing-bloom',
    'Oracleon: bulwark / mind-spike / psi-storm / phantom-pulse',
  ],
  // 47
  [
    'Chromadon: crushing-weight / alloy-crash / drake-claw / hydro-lance',
    'Pyrochelon: bulwark / mud-lance / blaze-charge / mend',
    'Pixiebell: bulwark / fae-kiss / moon-ray / dazzle-wave',
    'Fayblade: bulwark / tiger-knee / dazzle-wave / soothing-bloom',
    'Venomire: bulwark / toxic-spray / dusk-pulse / noxious-mist',
    'Cragolem: palm-strike / crag-spear / quake-stomp / mud-lance',
  ],
  // 48
  [
    'Brinequeen: bulwark / pixie-strike / mend / tide-fang',
    'Pyrochelon: quake-stomp / dust-gale / cinder-claw / flame-jet',
    'Spectrelk: shade-claw / thorn-whip / sneak-hex / phantom-pulse',
    'Chromadon: bulwark / alloy-crash / scale-storm / chrome-beam',
    'Galvanox: bulwark / static-field / chrome-beam / iron-knuckle',
    'Bloomwisp: timber-slam / pixie-strike / bramble-storm / dazzle-wave',
  ],
  // 49
  [
    'Chromadon: bulwark / rivet-shot / drake-claw / iron-wall',
    'Stormwing: bulwark / cyclone / crushing-weight / storm-strike',
    'Kaidojo: iron-wall / aura-burst / iron-knuckle / counter-jab',
    'Brawlbuck: bulwark / aura-burst / crushing-weight / low-sweep',
    'Siltshark: bulwark / wyrm-rage / quake-stomp / wyrm-fire',
    'Venomire: ambush-strike / noxious-mist / toxic-spray / spite-howl',
  ],
  // 50
  [
    'Cragolem: bulwark / warp-zone / iron-knuckle / dust-gale',
    'Siltshark: wyrm-rage / scale-storm / mud-lance / crushing-weight',
    'Nightprowl: bulwark / dusk-pulse / frost-bite / night-fang',
    'Verdantoad: bulwark / pollen-cloud / crushing-weight / toxic-spray',
    'Toxipede: bulwark / venom-fang / acid-rain / sting-volley',
    'Geodrake: drake-claw / crushing-weight / cinder-claw / comet-pulse',
  ],
  // 51
  [
    'Coralisk: crag-spear / hydro-lance / swell-surge / pebble-shot',
    'Siltshark: bulwark / scale-storm / dust-gale / mud-lance',
    'Cindermaw: palm-strike / dusk-pulse / spite-howl / crushing-weight',
    'Voltide: hydro-lance / spark-rain / volt-fang / brine-spout',
    'Drakonix: drake-claw / cyclone / gust-blade / following-gale',
    'Solarion: gust-blade / talon-dive / blaze-charge / cyclone',
  ],
  // 52
  [
    'Cindermaw: bulwark / spite-howl / cinder-claw / night-fang',
    'Siltshark: bulwark / dust-gale / wyrm-fire / iron-knuckle',
    'Nightprowl: bulwark / spite-howl / night-fang / ambush-strike',
    'Beetalon: iron-wall / palm-strike / sting-volley / warp-zone',
    'Zappup: bulwark / gem-beam / volt-fang / lure-call',
    'Galebeak: bulwark / reckless-ram / echo-blast / talon-dive',
  ],
  // 53
  [
    'Dunequake: quake-stomp / dust-gale / warp-zone / crag-spear',
    'Pixiebell: pixie-strike / moon-ray / fae-kiss / lullaby',
    'Stormwing: gust-blade / storm-strike / talon-dive / cyclone',
    'Brambruin: bulwark / pollen-cloud / counter-jab / night-fang',
    'Hollowisp: shade-claw / blaze-charge / scorch-haze / grave-chill',
    'Brawlbuck: counter-jab / night-fang / crushing-weight / palm-strike',
  ],
  // 54
  [
    'Nightprowl: bulwark / spite-howl / night-fang / ambush-strike',
    'Brawlbuck: low-sweep / palm-strike / night-fang / counter-jab',
    'Brambruin: bulwark / bramble-storm / sap-drain / palm-strike',
    'Dunequake: earth-pulse / mud-lance / warp-zone / quake-stomp',
    'Lumikoi: hail-needle / swell-surge / aqua-flick / glacier-crash',
    'Cindermaw: cinder-claw / flame-jet / ambush-strike / night-fang',
  ],
  // 55
  [
    'Burlhorn: echo-blast / crushing-weight / palm-strike / quick-jab',
    'Duskraven: night-fang / gust-blade / cyclone / sky-crash',
    'Glaciorn: bulwark / warp-zone / frost-ray / quake-stomp',
    'Brinequeen: bulwark / soothing-bloom / hydro-lance / chill-breath',
    'Fayblade: night-fang / soothing-bloom / low-sweep / dazzle-wave',
    'Aegisteel: bulwark / alloy-crash / rivet-shot / chrome-beam',
  ],
  // 56
  [
    'Dunequake: bulwark / dust-gale / iron-knuckle / mud-lance',
    'Voltide: static-field / hydro-lance / spark-rain / arc-bolt',
    'Glaciorn: bulwark / earth-pulse / frost-ray / iron-knuckle',
    'Galvanox: bulwark / static-field / chrome-beam / storm-strike',
    'Moltenox: bulwark / blaze-charge / chrome-beam / crushing-weight',
    'Fayblade: bulwark / soothing-bloom / fae-kiss / pixie-strike',
  ],
  // 57
  [
    'Bloomwisp: bulwark / thorn-whip / bramble-storm / dazzle-wave',
    'Chromadon: bulwark / iron-wall / drake-claw / chrome-beam',
    'Spectrelk: spore-burst / phantom-pulse / shade-claw / grave-chill',
    'Moltenox: bulwark / cinder-claw / flame-jet / blaze-charge',
    'Scaleviper: comet-pulse / flame-jet / wyrm-rage / brine-spout',
    'Aegisteel: bulwark / lure-call / iron-knuckle / rivet-shot',
  ],
  // 58
  [
    'Aegisteel: alloy-crash / rivet-shot / mend / iron-knuckle',
    'Duskraven: talon-dive / sky-crash / night-fang / crushing-weight',
    'Emberkit: flame-jet / blaze-charge / crushing-weight / earth-pulse',
    'Stormwing: static-field / storm-strike / talon-dive / sky-crash',
    'Zappup: static-field / storm-strike / gem-beam / arc-bolt',
    'Psylph: fae-kiss / warp-zone / mind-spike / moon-ray',
  ],
  // 59
  [
    'Nightprowl: ambush-strike / spite-howl / startle-clap / dusk-pulse',
    'Duskraven: bulwark / ambush-strike / cyclone / dusk-pulse',
    'Tidewhelp: bulwark / hydro-lance / lure-call / swell-surge',
    'Galebeak: lullaby / cyclone / startle-clap / echo-blast',
    'Chromadon: bulwark / iron-wall / hydro-lance / scale-storm',
    'Scaleviper: wyrm-fire / riptide-smash / wyrm-rage / brine-spout',
  ],
  // 60
  [
    'Emberkit: blaze-charge / heat-surge / lure-call / cinder-claw',
    'Drakonix: cyclone / scale-storm / talon-dive / sky-crash',
    'Auroraith: bulwark / phantom-pulse / psi-storm / hail-needle',
    'Spectrelk: pollen-cloud / night-fang / thorn-whip / mud-lance',
    'Dunequake: bulwark / warp-zone / iron-knuckle / mud-lance',
    'Zappup: storm-strike / spark-rain / arc-bolt / static-field',
  ],
  // 61
  [
    'Frostfang: ambush-strike / hail-needle / chill-breath / spite-howl',
    'Emberkit: lure-call / scorch-haze / blaze-charge / heat-surge',
    'Verdantoad: thorn-whip / dust-gale / venom-fang / mend',
    'Pyrochelon: dust-gale / quake-stomp / flame-jet / mud-lance',
    'Moltenox: bulwark / heat-surge / cinder-claw / iron-knuckle',
    'Waspire: bulwark / sky-crash / silk-snare / buzz-wave',
  ],
  // 62
  [
    'Lumikoi: bulwark / whiteout / lullaby / swell-surge',
    'Beetalon: buzz-wave / rivet-shot / swarm-bite / sting-volley',
    'Dunequake: bulwark / iron-knuckle / mud-lance / crushing-weight',
    'Psylph: moon-ray / thought-blade / pixie-strike / mind-spike',
    'Dynamoth: static-field / gust-blade / web-dance / sting-volley',
    'Emberkit: cinder-claw / heat-surge / blaze-charge / scorch-haze',
  ],
  // 63
  [
    'Oracleon: psi-storm / thought-blade / mind-spike / crushing-weight',
    'Moltenox: blaze-charge / mud-lance / heat-surge / iron-knuckle',
    'Pyrochelon: quake-stomp / warp-zone / blaze-charge / cinder-claw',
    'Verdantoad: spore-burst / venom-fang / sap-drain / bramble-storm',
    'Burlhorn: startle-clap / reckless-ram / rally-cheer / echo-blast',
    'Cragolem: mud-lance / crag-spear / gem-beam / iron-knuckle',
  ],
  // 64
  [
    'Auroraith: bulwark / whiteout / hail-needle / psi-storm',
    'Fayblade: low-sweep / night-fang / fae-kiss / counter-jab',
    'Brawlbuck: bulwark / counter-jab / low-sweep / iron-knuckle',
    'Lumikoi: bulwark / glacier-crash / lullaby / swell-surge',
    'Venomire: bulwark / spite-howl / earth-pulse / dusk-pulse',
    'Chatterwing: quick-jab / echo-blast / startle-clap / overdrive-beam',
  ],
  // 65
  [
    'Coralisk: bulwark / hydro-lance / riptide-smash / pebble-shot',
    'Brinequeen: pixie-strike / swell-surge / tide-fang / lullaby',
    'Duskraven: bulwark / following-gale / dusk-pulse / night-fang',
    'Toxipede: bulwark / web-dance / toxic-spray / crag-spear',
    'Fayblade: fae-kiss / tiger-knee / palm-strike / dazzle-wave',
    'Aegisteel: bulwark / lure-call / alloy-crash / chrome-beam',
  ],
  // 66
  [
    'Brinequeen: mend / fae-kiss / swell-surge / tide-fang',
    'Spectrelk: sap-drain / night-fang / shade-claw / pollen-cloud',
    'Chromadon: bulwark / wyrm-fire / iron-knuckle / flame-jet',
    'Dynamoth: bulwark / volt-fang / spark-rain / buzz-wave',
    'Bloomwisp: bulwark / bramble-storm / spore-burst / thorn-whip',
    'Coralisk: bulwark / riptide-smash / swell-surge / brine-spout',
  ],
  // 67
  [
    'Gloomshade: bulwark / phantom-pulse / dusk-pulse / grave-chill',
    'Beetalon: iron-wall / rivet-shot / silk-snare / sting-volley',
    'Chatterwing: bulwark / crushing-weight / echo-blast / talon-dive',
    'Bloomwisp: mind-spike / crushing-weight / moon-ray / fae-kiss',
    'Oracleon: mind-spike / thought-blade / psi-storm / crushing-weight',
    'Brawlbuck: bulwark / counter-jab / palm-strike / aura-burst',
  ],
  // 68
  [
    'Oracleon: mind-spike / psi-storm / thought-blade / aura-burst',
    'Chatterwing: lure-call / overdrive-beam / lullaby / quick-jab',
    'Venomire: ambush-strike / dusk-pulse / venom-fang / spite-howl',
    'Siltshark: wyrm-rage / drake-claw / mud-lance / comet-pulse',
    'Nightprowl: bulwark / startle-clap / ambush-strike / night-fang',
    'Spectrelk: phantom-pulse / bramble-storm / shade-claw / sap-drain',
  ],
  // 69
  [
    'Burlhorn: lullaby / palm-strike / battle-cry / crushing-weight',
    'Drakonix: drake-claw / following-gale / talon-dive / comet-pulse',
    'Scaleviper: bulwark / scale-storm / aqua-flick / hydro-lance',
    'Chatterwing: echo-blast / cyclone / crushing-weight / overdrive-beam',
    'Tidewhelp: bulwark / crushing-weight / swell-surge / brine-spout',
    'Lumikoi: lullaby / chill-breath / tide-fang / mend',
  ],
  // 70
  [
    'Chatterwing: bulwark / reckless-ram / rally-cheer / sky-crash',
    'Verdantoad: acid-rain / timber-slam / pollen-cloud / mend',
    'Duskraven: dusk-pulse / sky-crash / talon-dive / spite-howl',
    'Dunequake: mud-lance / glacier-crash / warp-zone / earth-pulse',
    'Zappup: bulwark / spark-rain / quick-jab / gem-beam',
    'Galebeak: bulwark / sky-crash / reckless-ram / lullaby',
  ],
  // 71
  [
    'Venomire: bulwark / ambush-strike / flame-jet / dusk-pulse',
    'Burlhorn: bulwark / crushing-weight / lure-call / overdrive-beam',
    'Fayblade: counter-jab / soothing-bloom / crushing-weight / tiger-knee',
    'Geodrake: boulder-fall / comet-pulse / iron-knuckle / wyrm-fire',
    'Kaidojo: iron-knuckle / warp-zone / alloy-crash / low-sweep',
    'Tidewhelp: bulwark / swell-surge / lure-call / hydro-lance',
  ],
];
